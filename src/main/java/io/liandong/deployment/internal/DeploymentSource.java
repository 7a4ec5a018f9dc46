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

    /**
     * The file's content, or null when the source has no such file.
     *
     * @throws NotAFileException when the name is there but is not a file (a folder, say)
     */
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
                if (!Files.exists(path)) {
                    if (Files.isSymbolicLink(path)) {
                        throw new NotAFileException(path.toAbsolutePath() + " is a link to "
                                + Files.readSymbolicLink(path) + ", which does not exist");
                    }
                    return null;
                }
                if (Files.isDirectory(path)) {
                    throw new NotAFileException(path.toAbsolutePath() + " is a folder, not a file");
                }
                if (!Files.isRegularFile(path)) {
                    throw new NotAFileException(path.toAbsolutePath() + " is not a regular file");
                }
                return Files.newInputStream(path);
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

    /** A deployment file's name that is there but is not a file: a problem of the files, not a failure. */
    final class NotAFileException extends IOException {

        private static final long serialVersionUID = 1L;

        NotAFileException(String message) {
            super(message);
        }
    }
}
