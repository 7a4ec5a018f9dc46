package io.liandong.shared.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PostgresAutovacuumCheckTests {

    @Test
    void warnsOnlyWhenAutovacuumIsOff() {
        assertThat(PostgresAutovacuumCheck.warning("off")).get().asString().contains("autovacuum off", "ANALYZE");
        assertThat(PostgresAutovacuumCheck.warning(" OFF ")).isPresent();
        assertThat(PostgresAutovacuumCheck.warning("on")).isEmpty();
        assertThat(PostgresAutovacuumCheck.warning(null)).isEmpty();
    }
}
