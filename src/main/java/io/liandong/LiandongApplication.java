package io.liandong;

import io.liandong.deployment.DeploymentCommand;
import io.liandong.replay.ReplayCommand;
import java.util.Arrays;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Entry point. {@code serve} (the default) starts the center; {@code replay FILE} feeds a recorded
 * call log into a center (see {@code docs/replay.md}); {@code deployment check|export|import FOLDER}
 * reads or writes the reference data as YAML files (see {@code docs/reference-deployment.md}).
 * Anything else is handed to Spring Boot as it is, so {@code --server.port=9090} still works without a command.
 */
@SpringBootApplication
public class LiandongApplication {

    public static void main(String[] args) {
        String command = args.length > 0 ? args[0] : "serve";
        String[] rest = args.length > 0 ? Arrays.copyOfRange(args, 1, args.length) : args;
        switch (command) {
            case "replay" -> System.exit(ReplayCommand.execute(LiandongApplication.class, rest));
            case "deployment" -> System.exit(DeploymentCommand.execute(LiandongApplication.class, rest));
            case "serve" -> SpringApplication.run(LiandongApplication.class, rest);
            case "help", "-h", "--help" -> System.out.print(usage());
            default -> SpringApplication.run(LiandongApplication.class, args);
        }
    }

    static String usage() {
        return """
                Usage: liandong [serve] [--property=value ...]   start the center (the default)
                       liandong replay [OPTIONS] FILE            replay a recorded call log into a center
                       liandong replay --help                    the replay's options
                       liandong deployment check|export|import FOLDER [--property=value ...]
                                                                 the reference data as YAML files
                       liandong deployment --help                what each action does
                """;
    }
}
