package io.liandong.shared.persistence;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The embedded H2 database holds password hashes and callers' numbers: its folder is made
 * readable by the center's own user only (rwx------), created so when it does not exist yet and
 * narrowed when it does, before the pool opens the database. H2 creates its files with the
 * process's umask (often world-readable); a folder others cannot enter keeps them out whatever the
 * files' own modes. Nothing is done on a file system without POSIX permissions, for an in-memory or
 * server H2 URL, or for PostgreSQL.
 */
@Configuration(proxyBeanMethods = false)
class H2FolderPermissions {

    private static final Logger log = LoggerFactory.getLogger(H2FolderPermissions.class);
    static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    @Bean
    static BeanPostProcessor h2FolderPrivacy() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (bean instanceof HikariDataSource pool && pool.getJdbcUrl() != null) {
                    H2Urls.folder(pool.getJdbcUrl()).ifPresent(H2FolderPermissions::ownerOnly);
                }
                return bean;
            }
        };
    }

    /** Creates the folder as rwx------, or narrows an existing one to that. */
    static void ownerOnly(Path folder) {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        try {
            if (Files.notExists(folder)) {
                Files.createDirectories(folder.getParent());
                Files.createDirectory(folder, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
                log.info("Created the database folder {} readable by this user only", folder);
            } else if (Files.isDirectory(folder)
                    && !Files.getPosixFilePermissions(folder).equals(OWNER_ONLY)) {
                Files.setPosixFilePermissions(folder, OWNER_ONLY);
                log.info("Made the database folder {} readable by this user only (was open to others)", folder);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the database folder " + folder + " private", e);
        }
    }
}
