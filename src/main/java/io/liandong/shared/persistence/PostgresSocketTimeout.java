package io.liandong.shared.persistence;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Gives the PostgreSQL driver a socket timeout ({@code liandong.database.socket-timeout}, 60 s by
 * default) unless the JDBC URL or the pool's data-source properties already set one. Without it a
 * statement in flight when the network to the database stops carrying data (a partition, a hung
 * server) waits for ever, holding its request thread and its pooled connection; with it the
 * statement fails after that long and the request is answered 503 {@code database-unavailable}.
 * The pool's {@code connection-timeout} only bounds the wait for a connection, not a statement.
 */
@Configuration(proxyBeanMethods = false)
class PostgresSocketTimeout {

    private static final Logger log = LoggerFactory.getLogger(PostgresSocketTimeout.class);
    static final String PROPERTY = "liandong.database.socket-timeout";

    @Bean
    static BeanPostProcessor postgresSocketTimeoutSetter(Environment environment) {
        Duration timeout =
                Binder.get(environment).bind(PROPERTY, Duration.class).orElse(Duration.ofSeconds(60));
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (bean instanceof HikariDataSource pool) {
                    apply(pool, timeout);
                }
                return bean;
            }
        };
    }

    /** Sets the driver's {@code socketTimeout} (whole seconds, at least 1) on a PostgreSQL pool that has none. */
    static void apply(HikariDataSource pool, Duration timeout) {
        String url = pool.getJdbcUrl();
        if (url == null
                || !url.startsWith("jdbc:postgresql:")
                || url.toLowerCase(java.util.Locale.ROOT).contains("sockettimeout=")
                || pool.getDataSourceProperties().containsKey("socketTimeout")
                || timeout.isZero()) {
            return;
        }
        long seconds = Math.max(1, timeout.toSeconds());
        pool.addDataSourceProperty("socketTimeout", String.valueOf(seconds));
        log.info("PostgreSQL statements fail after {} s without an answer from the server ({})", seconds, PROPERTY);
    }
}
