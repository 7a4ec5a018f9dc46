package io.liandong.replay.internal;

import io.liandong.replay.ReplayException;
import io.liandong.replay.ReplaySummary;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A logged-in connection to a center for one run. With a user and password it checks the login,
 * then asks for an API token for the run (a bearer token is checked by a hash lookup, where HTTP
 * Basic costs a password hash on every request) and revokes it at the end; if the user may not
 * issue tokens it goes on with HTTP Basic.
 */
public final class CenterSession implements AutoCloseable {

    private final CenterClient basic;
    private final CenterClient client;
    private final @Nullable String user;
    private final long tokenId;
    private final PrintStream err;

    private CenterSession(
            CenterClient basic, CenterClient client, @Nullable String user, long tokenId, PrintStream err) {
        this.basic = basic;
        this.client = client;
        this.user = user;
        this.tokenId = tokenId;
        this.err = err;
    }

    /**
     * Logs in to {@code url}.
     *
     * @throws ReplayException ({@link ReplaySummary#FAILED}) if the center cannot be reached or refuses the login
     */
    public static CenterSession open(
            URI url,
            @Nullable String user,
            @Nullable String password,
            @Nullable String token,
            Duration timeout,
            JsonMapper json,
            String tokenName,
            PrintStream err)
            throws ReplayException, InterruptedException {
        CenterClient first = new CenterClient(url, user, password, token, timeout, json);
        checkLogin(first, token != null ? "the API token" : "user " + user);
        if (token != null) {
            return new CenterSession(first, first, null, -1, err);
        }
        ObjectNode body = json.createObjectNode().put("name", tokenName);
        Answer issued = call(first, () -> first.post("/api/users/" + encode(user) + "/tokens", body, null));
        JsonNode answer = issued.body();
        if (issued.ok() && answer != null && answer.path("token").isString()) {
            CenterClient bearer =
                    new CenterClient(url, null, null, answer.path("token").asString(), timeout, json);
            return new CenterSession(first, bearer, user, answer.path("id").asLong(-1), err);
        }
        err.println("replay: could not get an API token for " + user + " (" + issued.reason()
                + "); going on with HTTP Basic, which is slower");
        return new CenterSession(first, first, null, -1, err);
    }

    private static void checkLogin(CenterClient client, String who) throws ReplayException, InterruptedException {
        Answer me = call(client, () -> client.get("/api/me"));
        if (me.status() == 401) {
            throw new ReplayException(
                    ReplaySummary.FAILED,
                    "the center at " + client.base() + " refused the login of " + who + " (HTTP 401)");
        }
        if (me.status() == 429) {
            throw new ReplayException(
                    ReplaySummary.FAILED,
                    "the center at " + client.base()
                            + " refuses logins from here for now (HTTP 429 too many login attempts)");
        }
        if (me.status() >= 500) {
            throw new ReplayException(
                    ReplaySummary.FAILED, "the center at " + client.base() + " fails: " + me.detail());
        }
        // Refused before the first report rather than after it: the run files reports, orders
        // agencies and takes their steps, which only ADMIN may do all of.
        JsonNode roles = me.body() == null ? null : me.body().get("roles");
        if (me.ok() && roles != null && roles.isArray()) {
            List<String> held = new ArrayList<>();
            roles.forEach(role -> held.add(role.asString()));
            if (!held.contains("ADMIN")) {
                throw new ReplayException(
                        ReplaySummary.FAILED,
                        who + " may not run a replay: it needs the ADMIN role (a replay files reports, orders"
                                + " agencies and takes their task steps), and has "
                                + (held.isEmpty() ? "no role" : String.join(", ", held)));
            }
        }
    }

    /** The client the replay sends with. */
    public CenterClient client() {
        return client;
    }

    /**
     * Checks that the center knows every code the mapping names; a center that does not list its
     * categories or agencies is not checked.
     *
     * @throws ReplayException ({@link ReplaySummary#USAGE}) naming the unknown codes
     */
    public void requireKnown(String what, String path, Set<String> codes, String mappingFile)
            throws ReplayException, InterruptedException {
        if (codes.isEmpty()) {
            return;
        }
        Answer answer = call(client, () -> client.get(path));
        if (!answer.ok() || answer.body() == null) {
            return;
        }
        Set<String> known = new TreeSet<>();
        collectCodes(answer.body(), known);
        Set<String> unknown = new TreeSet<>(codes);
        unknown.removeAll(known);
        if (!unknown.isEmpty()) {
            throw new ReplayException(
                    ReplaySummary.USAGE,
                    "mapping " + mappingFile + " names " + what + " the center at " + client.base() + " does not know: "
                            + String.join(", ", unknown));
        }
    }

    private static void collectCodes(JsonNode node, Set<String> codes) {
        if (node.isObject() && node.path("code").isString()) {
            codes.add(node.path("code").asString());
        }
        if (node.isContainer()) {
            for (JsonNode child : node) {
                collectCodes(child, codes);
            }
        }
    }

    /** Revokes the run's API token, if one was issued. */
    @Override
    public void close() throws InterruptedException {
        if (tokenId < 0 || user == null) {
            return;
        }
        String path = "/api/users/" + encode(user) + "/tokens/" + tokenId;
        try {
            Answer answer = basic.delete(path);
            if (!answer.ok()) {
                err.println("replay: could not revoke the run's API token (" + answer.reason() + "); revoke it with"
                        + " DELETE " + path);
            }
        } catch (IOException e) {
            err.println("replay: could not revoke the run's API token (" + e.getMessage() + "); revoke it with"
                    + " DELETE " + path);
        }
    }

    private interface Request {
        Answer send() throws IOException, InterruptedException;
    }

    private static Answer call(CenterClient client, Request request) throws ReplayException, InterruptedException {
        try {
            return request.send();
        } catch (IOException e) {
            throw new ReplayException(
                    ReplaySummary.FAILED, "cannot reach the center at " + client.base() + ": " + e.getMessage(), e);
        }
    }

    private static String encode(@Nullable String value) {
        return URLEncoder.encode(String.valueOf(value), StandardCharsets.UTF_8).replace("+", "%20");
    }
}
