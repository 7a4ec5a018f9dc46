package io.liandong.shared;

import java.net.InetAddress;
import java.util.UUID;
import org.springframework.core.env.Environment;

/**
 * This node's id within the center: {@code liandong.node-id} when set (it should be, and stable
 * across restarts, when several nodes run), else the host name and HTTP port, else the host name
 * and a random suffix. Stamped on what this node writes to the record, and so on every message
 * that carries it, whichever node sends it; messages carrying it are this node's own and are
 * skipped when they come back. One instance per application context (see
 * {@link NodeConfiguration}), so a random suffix is drawn once.
 */
public final class NodeIdentity {

    private final String value;

    private NodeIdentity(String value) {
        this.value = value;
    }

    public static NodeIdentity of(Environment environment) {
        String configured = environment.getProperty("liandong.node-id", "").strip();
        return new NodeIdentity(configured.isEmpty() ? fallback(environment) : configured);
    }

    public String value() {
        return value;
    }

    private static String fallback(Environment environment) {
        int port = environment.getProperty("server.port", Integer.class, 8080);
        String suffix =
                port > 0 ? String.valueOf(port) : UUID.randomUUID().toString().substring(0, 8);
        return hostName() + ":" + suffix;
    }

    private static String hostName() {
        String fromEnvironment = System.getenv("HOSTNAME");
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return fromEnvironment.strip();
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception unresolvable) {
            return "node";
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
