package io.liandong.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DeploymentCommandTests {

    @Test
    @DisplayName(
            "H2 URLs of a file the command opens itself, short forms too, get its guards; memory and servers do not")
    void knowsAnEmbeddedH2FileByItsUrl() {
        assertThat(DeploymentCommand.embeddedH2File("jdbc:h2:file:/srv/liandong/db/liandong"))
                .isTrue();
        assertThat(DeploymentCommand.embeddedH2File("jdbc:h2:/srv/liandong/db/liandong;MODE=PostgreSQL"))
                .isTrue();
        assertThat(DeploymentCommand.embeddedH2File("jdbc:h2:./data/db/liandong"))
                .isTrue();
        assertThat(DeploymentCommand.embeddedH2File("jdbc:h2:~/liandong")).isTrue();
        assertThat(DeploymentCommand.embeddedH2File("JDBC:H2:FILE:/x")).isTrue();
        assertThat(DeploymentCommand.embeddedH2File("jdbc:h2:mem:test")).isFalse();
        assertThat(DeploymentCommand.embeddedH2File("jdbc:h2:tcp://127.0.0.1/~/liandong"))
                .isFalse();
        assertThat(DeploymentCommand.embeddedH2File("jdbc:postgresql://127.0.0.1:5432/test"))
                .isFalse();
    }
}
