package io.liandong.console.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code liandong.console.stream.*}: how the live stream treats its clients.
 *
 * @param queueCapacity events waiting for one client before it counts as too slow and is disconnected
 * @param heartbeat how often an idle stream gets a comment, so proxies and browsers keep it open
 * @param timeout how long one stream lives before the browser is told to reconnect (it resumes
 *     from the last event id, nothing is lost)
 * @param replayLimit at most this many missed entries are replayed on reconnect; beyond that the
 *     client is told to re-fetch its lists instead
 * @param senderThreads threads writing to clients; publishing never waits for them
 */
@ConfigurationProperties("liandong.console.stream")
public record StreamProperties(
        @DefaultValue("1000") int queueCapacity,
        @DefaultValue("PT15S") Duration heartbeat,
        @DefaultValue("PT30M") Duration timeout,
        @DefaultValue("1000") int replayLimit,
        @DefaultValue("4") int senderThreads) {

    public StreamProperties {
        if (queueCapacity < 1) {
            throw new IllegalArgumentException(
                    "liandong.console.stream.queue-capacity must be at least 1, was " + queueCapacity);
        }
        if (replayLimit < 1) {
            throw new IllegalArgumentException(
                    "liandong.console.stream.replay-limit must be at least 1, was " + replayLimit);
        }
        if (senderThreads < 1) {
            throw new IllegalArgumentException(
                    "liandong.console.stream.sender-threads must be at least 1, was " + senderThreads);
        }
    }
}
