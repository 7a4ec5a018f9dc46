package io.liandong.identity.internal;

import io.liandong.identity.AuditTrail;
import io.liandong.shared.AuditAction;
import io.liandong.shared.security.Role;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * On the first start (no user at all) creates {@code admin} and, unless switched off, one demo
 * account per role. There is no default password: a password not given in configuration is
 * generated, shown once in a banner on standard output (the log names the users, never the
 * passwords), and written to {@code ${liandong.home}/initial-passwords.txt} readable by the owner
 * only.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
@ConditionalOnProperty(name = "liandong.first-start-accounts", havingValue = "true", matchIfMissing = true)
class FirstStartAccounts implements ApplicationRunner {

    static final String PASSWORD_FILE = "initial-passwords.txt";

    private static final Logger log = LoggerFactory.getLogger(FirstStartAccounts.class);
    private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private final AccountRepository accounts;
    private final AuditTrail audit;
    private final PasswordEncoder encoder;
    private final TransactionTemplate transactions;
    private final IdentityProperties properties;
    private final Clock clock;
    private final Path home;
    private final PrintStream out;
    private final SecureRandom random = new SecureRandom();

    FirstStartAccounts(
            AccountRepository accounts,
            AuditTrail audit,
            PasswordEncoder encoder,
            TransactionTemplate transactions,
            IdentityProperties properties,
            Clock clock,
            @Value("${liandong.home}") String home) {
        this.accounts = accounts;
        this.audit = audit;
        this.encoder = encoder;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
        this.home = Path.of(home);
        this.out = System.out;
    }

    /** A demo account: one per role, agency users with their agency, hall users with their seat. */
    record Demo(String username, String displayName, Role role, @Nullable String agency, @Nullable String seat) {}

    static final List<Demo> DEMOS = List.of(
            new Demo("calltaker", "接警员（演示）", Role.CALL_TAKER, null, "S-061"),
            new Demo("commander", "指挥长（演示）", Role.COMMANDER, null, "S-001"),
            new Demo("leader", "值班领导（演示）", Role.LEADER, null, null),
            new Demo("analyst", "分析员（演示）", Role.ANALYST, null, null),
            new Demo("police", "双塔公安分局代表（演示）", Role.AGENCY_REP, "POLICE-SHUANGTA", null),
            new Demo("fire", "消防救援支队代表（演示）", Role.AGENCY_REP, "FIRE-BRIGADE", null),
            new Demo("ems", "120急救中心代表（演示）", Role.AGENCY_REP, "EMS-120", null),
            new Demo("gas", "燃气公司代表（演示）", Role.AGENCY_REP, "GAS-CO", null),
            new Demo("lawenf", "综合执法局办事员（演示）", Role.AGENCY_CLERK, "LAW-ENFORCEMENT", null));

    @Override
    public void run(ApplicationArguments args) {
        if (accounts.count() > 0) {
            return;
        }
        String adminPassword = configuredOrGenerated(properties.adminPassword(), "liandong.security.admin-password");
        String demoPassword = configuredOrGenerated(properties.demoPassword(), "liandong.security.demo-password");
        Map<String, String> generated = new LinkedHashMap<>();
        if (isBlank(properties.adminPassword())) {
            generated.put("admin", adminPassword);
        }
        if (properties.demoAccounts() && isBlank(properties.demoPassword())) {
            DEMOS.forEach(demo -> generated.put(demo.username(), demoPassword));
        }

        List<String> created = createAccounts(adminPassword, demoPassword);
        if (created.isEmpty()) {
            log.info("Another node created the first accounts at the same time; nothing to do");
            return;
        }

        log.info("First start: created users {}", String.join(", ", created));
        if (!generated.isEmpty()) {
            announce(generated);
        }
    }

    private List<String> createAccounts(String adminPassword, String demoPassword) {
        Instant now = clock.instant();
        List<Account> toCreate = new ArrayList<>();
        toCreate.add(new Account(
                "admin",
                encoder.encode(adminPassword),
                "系统管理员",
                Set.of(Role.ADMIN),
                null,
                null,
                true,
                null,
                now,
                0,
                false));
        if (properties.demoAccounts()) {
            String hash = encoder.encode(demoPassword);
            for (Demo demo : DEMOS) {
                toCreate.add(new Account(
                        demo.username(),
                        hash,
                        demo.displayName(),
                        Set.of(demo.role()),
                        demo.agency(),
                        demo.seat(),
                        true,
                        null,
                        now,
                        0,
                        false));
            }
        }
        try {
            return transactions.execute(status -> {
                for (Account account : toCreate) {
                    accounts.insert(account);
                    audit.record(
                            AuditActions.SYSTEM,
                            AuditAction.USER_CREATED,
                            account.username(),
                            "first start; roles " + RoleNames.format(account.roles()));
                }
                return toCreate.stream().map(Account::username).toList();
            });
        } catch (DuplicateKeyException raced) {
            return List.of();
        }
    }

    private String configuredOrGenerated(@Nullable String configured, String key) {
        if (isBlank(configured)) {
            return generate();
        }
        PasswordPolicy.requireValid(key, configured, null);
        return configured;
    }

    private String generate() {
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            if (i > 0 && i % 5 == 0) {
                password.append('-');
            }
            password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }

    private void announce(Map<String, String> generated) {
        Path file = home.resolve(PASSWORD_FILE).toAbsolutePath();
        boolean written = write(file, generated);
        StringBuilder banner = new StringBuilder();
        String rule = "=".repeat(78);
        banner.append('\n').append(rule).append('\n');
        banner.append("  LIANDONG FIRST START: generated passwords (shown only this once)\n\n");
        generated.forEach((user, password) -> banner.append(String.format("    %-12s %s%n", user, password)));
        banner.append('\n');
        banner.append(
                written
                        ? "  Also written to " + file + " (owner-only). Change these passwords and delete that file.\n"
                        : "  Could not write " + file + "; copy these passwords now.\n");
        banner.append("  Set LIANDONG_ADMIN_PASSWORD / LIANDONG_DEMO_PASSWORD to choose them instead.\n");
        banner.append(rule).append('\n');
        out.println(banner);
        out.flush();
        // The banner goes to standard output once; the log, which may be shipped elsewhere, gets no passwords.
        log.warn(
                "First start generated the passwords of {}; they were shown once on standard output{}",
                generated.keySet(),
                written ? " and written to " + file : "");
    }

    private boolean write(Path file, Map<String, String> generated) {
        StringBuilder text = new StringBuilder("# Liandong: passwords generated on the first start, ")
                .append(clock.instant())
                .append(".\n# Change them, then delete this file.\n");
        generated.forEach((user, password) ->
                text.append(user).append(' ').append(password).append('\n'));
        try {
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(file);
            createOwnerOnly(file);
            Files.writeString(file, text, StandardCharsets.UTF_8);
            return true;
        } catch (IOException e) {
            log.warn("Could not write the generated passwords to {}: {}", file, e.toString());
            return false;
        }
    }

    private static void createOwnerOnly(Path file) throws IOException {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
            boolean restricted = file.toFile().setReadable(false, false)
                    && file.toFile().setReadable(true, true)
                    && file.toFile().setWritable(true, true);
            if (!restricted) {
                log.warn("Could not make {} readable by its owner only; protect or delete it", file);
            }
        } catch (FileAlreadyExistsException impossible) {
            throw new IOException("another process created " + file + " just now", impossible);
        }
    }

    private static boolean isBlank(@Nullable String value) {
        return value == null || value.isBlank();
    }
}
