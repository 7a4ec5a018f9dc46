package io.liandong.bench;

import java.time.Duration;
import java.time.Instant;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * A one-broker KRaft Kafka cluster on this machine for the multi-node benchmark, the same
 * in-process broker the integration tests use: {@code bench/kafka.sh MINUTES}. It creates
 * the center's two topics (three partitions each) on ports Kafka's test kit picks (it binds every
 * interface and takes no port), prints its address and stops by itself after
 * the given minutes (at most 60), or earlier when the process is stopped (kill PID).
 */
public final class BenchBroker {

    private BenchBroker() {}

    public static void main(String[] args) throws Exception {
        long minutes = args.length > 0 ? Long.parseLong(args[0]) : 30;
        if (minutes < 1 || minutes > 60) {
            throw new IllegalArgumentException("minutes must be within 1..60, was " + minutes);
        }
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 3, "liandong.record", "liandong.record.DLT");
        broker.brokerProperty("group.initial.rebalance.delay.ms", "0");
        broker.afterPropertiesSet();
        Runtime.getRuntime().addShutdownHook(new Thread(broker::destroy, "broker-stop"));
        Instant until = Instant.now().plus(Duration.ofMinutes(minutes));
        System.out.println("broker " + broker.getBrokersAsString() + " until " + until);
        while (Instant.now().isBefore(until)) {
            Thread.sleep(1000);
        }
        System.exit(0);
    }
}
