package io.liandong.shared.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PostgresSocketTimeoutTests {

    private static HikariDataSource pool(String url) {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(url);
        return pool;
    }

    @Test
    void aPostgresPoolWithoutOneGetsTheSocketTimeoutInWholeSeconds() {
        HikariDataSource pool = pool("jdbc:postgresql://127.0.0.1:5432/test?currentSchema=x");

        PostgresSocketTimeout.apply(pool, Duration.ofMillis(2500));

        assertThat(pool.getDataSourceProperties()).containsEntry("socketTimeout", "2");
    }

    @Test
    void aTimeoutTheOperatorSetIsKept() {
        HikariDataSource inUrl = pool("jdbc:postgresql://127.0.0.1:5432/test?socketTimeout=300");
        HikariDataSource inProperties = pool("jdbc:postgresql://127.0.0.1:5432/test");
        inProperties.addDataSourceProperty("socketTimeout", "120");

        PostgresSocketTimeout.apply(inUrl, Duration.ofSeconds(60));
        PostgresSocketTimeout.apply(inProperties, Duration.ofSeconds(60));

        assertThat(inUrl.getDataSourceProperties()).doesNotContainKey("socketTimeout");
        assertThat(inProperties.getDataSourceProperties()).containsEntry("socketTimeout", "120");
    }

    @Test
    void otherDatabasesAndAZeroTimeoutAreLeftAlone() {
        HikariDataSource h2 = pool("jdbc:h2:mem:x;MODE=PostgreSQL");
        HikariDataSource off = pool("jdbc:postgresql://127.0.0.1:5432/test");

        PostgresSocketTimeout.apply(h2, Duration.ofSeconds(60));
        PostgresSocketTimeout.apply(off, Duration.ZERO);

        assertThat(h2.getDataSourceProperties()).isEmpty();
        assertThat(off.getDataSourceProperties()).isEmpty();
    }
}
