package io.liandong.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** First start with no password configured: nothing is a default, everything is generated and shown once. */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GeneratedPasswordsIntegrationTests {

    static final Path HOME = IdentityTestSupport.newHome("liandong-generated-");

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("liandong.home", HOME::toString);
        registry.add("liandong.security.admin-password", () -> "");
        registry.add("liandong.security.demo-password", () -> "");
    }

    @Test
    void showsGeneratedPasswordsInABannerAndAnOwnerOnlyFile(CapturedOutput output) throws IOException {
        Path file = HOME.resolve("initial-passwords.txt");
        Map<String, String> passwords = Files.readAllLines(file).stream()
                .filter(line -> !line.startsWith("#") && !line.isBlank())
                .map(line -> line.split(" "))
                .collect(Collectors.toMap(parts -> parts[0], parts -> parts[1]));

        assertThat(passwords).containsKeys("admin", "calltaker", "lawenf");
        assertThat(passwords.get("admin")).hasSizeGreaterThanOrEqualTo(10);
        assertThat(passwords.get("admin")).isNotEqualTo(passwords.get("calltaker"));
        assertThat(Files.getPosixFilePermissions(file))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        assertThat(output.getAll())
                .contains("LIANDONG FIRST START")
                .contains(passwords.get("admin"))
                .contains(file.toAbsolutePath().toString());
        // Issue #4: the banner was printed twice, once on standard output and again through the log.
        assertThat(occurrences(output.getAll(), "LIANDONG FIRST START")).isEqualTo(1);
        assertThat(occurrences(output.getAll(), passwords.get("admin"))).isEqualTo(1);
        assertThat(HttpClientFixture.basic(port, "admin", passwords.get("admin"))
                        .get("/api/me")
                        .status())
                .isEqualTo(200);
        assertThat(HttpClientFixture.basic(port, "calltaker", passwords.get("calltaker"))
                        .get("/api/me")
                        .status())
                .isEqualTo(200);
    }

    private static int occurrences(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
            count++;
        }
        return count;
    }

    @Test
    void noAccountHasAGuessablePassword() {
        for (String guess : List.of("admin", "password", "liandong", "admin123", "123456")) {
            assertThat(HttpClientFixture.basic(port, "admin", guess)
                            .get("/api/me")
                            .status())
                    .isEqualTo(401);
        }
    }
}
