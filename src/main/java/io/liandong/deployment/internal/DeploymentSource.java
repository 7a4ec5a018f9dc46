package io.liandong.deployment.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.ClassPathResource;

/** Where deployment files are read from: a folder, or the copy packaged in the application. */
public interface DeploymentSource {

    /** For messages: the folder or classpath location. */
    String name();

    /** The file's content, or null when the source has no such file. */
    @Nullable
    InputStream open(String file) throws IOException;

    static DeploymentSource folder(Path folder) {
        return new DeploymentSource() {
            @Override
            public String name() {
                return folder.toAbsolutePath().toString();
            }

            @Override
            public @Nullable InputStream open(String file) throws IOException {
                Path path = folder.resolve(file);
                return Files.isRegularFile(path) ? Files.newInputStream(path) : null;
            }
        };
    }

    static DeploymentSource classpath(String location) {
        return new DeploymentSource() {
            @Override
            public String name() {
                return "classpath:" + location;
            }

            @Override
            public @Nullable InputStream open(String file) throws IOException {
                ClassPathResource resource = new ClassPathResource(location + "/" + file);
                return resource.exists() ? resource.getInputStream() : null;
            }
        };
    }
}
