package io.liandong.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.liandong.shared.security.Actor;
import io.liandong.shared.security.CurrentActor;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class CurrentActorIntegrationTests extends IdentityTestSupport {

    @Autowired
    CurrentActor actors;

    @Autowired
    JdbcClient jdbc;

    @Test
    void isTheSystemOutsideARequest() {
        assertThat(actors.get()).isEqualTo(Actor.SYSTEM);
    }

    @Test
    void isTheLoggedInUserInsideARequest() {
        admin().post("/api/users/leader/tokens", Map.of("name", "actor check"));

        String actor = jdbc.sql(
                        "SELECT actor FROM audit_event WHERE action = 'TOKEN_ISSUED' AND target = 'leader' ORDER BY id")
                .query(String.class)
                .list()
                .get(0);
        assertThat(actor).isEqualTo("admin");
    }
}
