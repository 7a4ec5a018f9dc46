package io.liandong.shared.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class H2FolderPermissionsTests {

    @TempDir
    Path home;

    @Test
    void findsTheFolderOfAnEmbeddedFileDatabaseOnly() {
        assertThat(H2Urls.folder("jdbc:h2:file:/srv/liandong/db/liandong;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE"))
                .contains(Path.of("/srv/liandong/db"));
        assertThat(H2Urls.folder("jdbc:h2:/srv/x/db")).contains(Path.of("/srv/x"));
        assertThat(H2Urls.folder("JDBC:H2:FILE:/srv/y/db")).contains(Path.of("/srv/y"));
        assertThat(H2Urls.folder("jdbc:h2:mem:test;DB_CLOSE_DELAY=-1")).isEmpty();
        assertThat(H2Urls.folder("jdbc:h2:tcp://127.0.0.1/~/db")).isEmpty();
        assertThat(H2Urls.folder("jdbc:postgresql://127.0.0.1:5432/test")).isEmpty();
    }

    @Test
    void createsTheFolderPrivateAndNarrowsAnOpenOne() throws Exception {
        Path fresh = home.resolve("data/db");
        H2FolderPermissions.ownerOnly(fresh);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh)))
                .isEqualTo("rwx------");

        Path open = Files.createDirectories(home.resolve("old/db"));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxr-xr-x"));
        H2FolderPermissions.ownerOnly(open);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(open)))
                .isEqualTo("rwx------");
    }
}
