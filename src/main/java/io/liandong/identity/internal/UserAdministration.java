package io.liandong.identity.internal;

import io.liandong.identity.AuditTrail;
import io.liandong.shared.AuditAction;
import io.liandong.shared.security.AccountChanged;
import io.liandong.shared.security.Role;
import io.liandong.shared.security.UserPlaces;
import io.liandong.shared.web.Problem;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates and changes users and their API tokens, for administrators. Each change and its audit
 * row commit together; a change that would leave the center without an enabled administrator is
 * refused. Each change publishes {@link AccountChanged}, on which this node's live streams of the
 * user end once it has committed.
 */
@Service
class UserAdministration {

    private static final Logger log = LoggerFactory.getLogger(UserAdministration.class);
    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._@-]{1,99}");
    private static final Set<Role> AGENCY_ROLES = EnumSet.of(Role.AGENCY_REP, Role.AGENCY_CLERK);

    private final AccountRepository accounts;
    private final ApiTokens tokens;
    private final AuditTrail audit;
    private final PasswordEncoder encoder;
    private final Clock clock;
    private final ObjectProvider<UserPlaces> places;
    private final ApplicationEventPublisher events;

    UserAdministration(
            AccountRepository accounts,
            ApiTokens tokens,
            AuditTrail audit,
            PasswordEncoder encoder,
            Clock clock,
            ObjectProvider<UserPlaces> places,
            ApplicationEventPublisher events) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.audit = audit;
        this.encoder = encoder;
        this.clock = clock;
        this.places = places;
        this.events = events;
    }

    /** Body of {@code POST /api/users}. */
    record NewUser(
            @Nullable String username,
            @Nullable String displayName,
            @Nullable String password,
            @Nullable List<String> roles,
            @Nullable String agency,
            @Nullable String seat,
            @Nullable Boolean enabled) {}

    /**
     * Body of {@code PUT /api/users/{username}}: roles, agency, seat and (when given) display name and
     * enabled replace the stored ones; {@code password} sets a new one; {@code unlock} lifts a lock-out.
     */
    record UserChange(
            @Nullable Integer version,
            @Nullable String displayName,
            @Nullable List<String> roles,
            @Nullable String agency,
            @Nullable String seat,
            @Nullable Boolean enabled,
            @Nullable String password,
            @Nullable Boolean unlock) {}

    /** A user as administrators see it; never the password hash. */
    record UserView(
            String username,
            String displayName,
            List<Role> roles,
            @Nullable String agency,
            @Nullable String seat,
            boolean enabled,
            @Nullable Instant lockedUntil,
            Instant createdAt,
            int version) {

        static UserView of(Account account, Instant now) {
            return new UserView(
                    account.username(),
                    account.displayName(),
                    account.roles().stream().sorted().toList(),
                    account.agency(),
                    account.seat(),
                    account.enabled(),
                    account.lockedAt(now) ? account.lockedUntil() : null,
                    account.createdAt(),
                    account.version());
        }
    }

    @Transactional(readOnly = true)
    List<UserView> all() {
        Instant now = clock.instant();
        return accounts.all().stream().map(a -> UserView.of(a, now)).toList();
    }

    @Transactional(readOnly = true)
    UserView one(String username) {
        return UserView.of(existing(username), clock.instant());
    }

    @Transactional
    UserView create(NewUser body) {
        List<Problem.FieldError> errors = new ArrayList<>();
        String username = body.username() == null ? "" : body.username().strip();
        if (!USERNAME.matcher(username).matches()) {
            errors.add(new Problem.FieldError(
                    "username",
                    "must be 2 to 100 of a-z 0-9 . _ @ - and start with a letter or digit",
                    body.username()));
        }
        errors.addAll(PasswordPolicy.errors("password", body.password(), username));
        Set<Role> roles = roles(body.roles(), body.agency(), errors);
        checkLengths(body.displayName(), body.agency(), body.seat(), errors);
        checkPlaces(body.agency(), body.seat(), errors);
        if (!errors.isEmpty()) {
            throw Problem.invalid(errors);
        }

        Account account = new Account(
                username,
                encoder.encode(body.password()),
                blankToNull(body.displayName()) == null
                        ? username
                        : body.displayName().strip(),
                roles,
                blankToNull(body.agency()),
                blankToNull(body.seat()),
                body.enabled() == null || body.enabled(),
                null,
                clock.instant(),
                0,
                false);
        try {
            accounts.insert(account);
        } catch (DuplicateKeyException taken) {
            throw Problem.conflict("user " + username + " already exists");
        }

        audit.record(AuditAction.USER_CREATED, username, describe(account));
        log.info("Created user {} with roles {}", username, RoleNames.format(roles));
        return UserView.of(account, clock.instant());
    }

    @Transactional
    UserView change(String username, UserChange body) {
        Account before = existing(username);
        List<Problem.FieldError> errors = new ArrayList<>();
        if (body.version() == null) {
            errors.add(new Problem.FieldError("version", "is required: the version you last read", null));
        }
        if (body.password() != null) {
            errors.addAll(PasswordPolicy.errors("password", body.password(), username));
        }
        Set<Role> roles = roles(body.roles(), body.agency(), errors);
        checkLengths(body.displayName(), body.agency(), body.seat(), errors);
        checkPlaces(body.agency(), body.seat(), errors);
        if (!errors.isEmpty()) {
            throw Problem.invalid(errors);
        }
        if (body.version() != before.version()) {
            throw stale(username, body.version(), before.version());
        }

        Account after = new Account(
                username,
                body.password() == null ? before.passwordHash() : encoder.encode(body.password()),
                blankToNull(body.displayName()) == null
                        ? before.displayName()
                        : body.displayName().strip(),
                roles,
                blankToNull(body.agency()),
                blankToNull(body.seat()),
                body.enabled() == null ? before.enabled() : body.enabled(),
                before.lockedUntil(),
                before.createdAt(),
                before.version(),
                before.failuresPending());
        boolean unlock = Boolean.TRUE.equals(body.unlock());
        if (!accounts.update(after, unlock)) {
            throw stale(username, body.version(), before.version());
        }
        if (!accounts.anyEnabledAdmin()) {
            throw Problem.refused(
                    "last-admin",
                    "the change to " + username + " would leave no enabled user with the ADMIN role; refused");
        }

        recordChanges(before, after, body.password() != null, unlock);
        events.publishEvent(new AccountChanged(username));
        return one(username);
    }

    @Transactional
    ApiTokens.IssuedToken issueToken(String username, @Nullable String name) {
        existing(username);
        String trimmed = name == null ? "" : name.strip();
        if (trimmed.isEmpty() || trimmed.length() > 100) {
            throw Problem.invalid("name", "must have 1 to 100 characters", name);
        }
        ApiTokens.IssuedToken issued = tokens.issue(username, trimmed);
        audit.record(AuditAction.TOKEN_ISSUED, username, "token " + issued.id() + " '" + trimmed + "'");
        log.info("Issued API token {} for user {}", issued.id(), username);
        return issued;
    }

    @Transactional
    void revokeToken(String username, long id) {
        tokens.revoke(username, id);
        audit.record(AuditAction.TOKEN_REVOKED, username, "token " + id);
        // The user's open streams on this node end at once, the token's among them; the others
        // reconnect with their own login. Other nodes end the token's at their next heartbeat.
        events.publishEvent(new AccountChanged(username));
        log.info("Revoked API token {} of user {}", id, username);
    }

    @Transactional(readOnly = true)
    List<ApiTokens.TokenView> tokens(String username) {
        existing(username);
        return tokens.of(username);
    }

    private void recordChanges(Account before, Account after, boolean newPassword, boolean unlock) {
        String user = after.username();
        List<String> permissions = new ArrayList<>();
        if (!before.roles().equals(after.roles())) {
            permissions.add(
                    "roles " + RoleNames.formatOrNone(before.roles()) + " → " + RoleNames.formatOrNone(after.roles()));
        }
        if (!Objects.equals(before.agency(), after.agency())) {
            permissions.add("agency " + before.agency() + " → " + after.agency());
        }
        if (before.enabled() != after.enabled()) {
            permissions.add("enabled " + before.enabled() + " → " + after.enabled());
        }
        if (!permissions.isEmpty()) {
            audit.record(AuditAction.PERMISSIONS_CHANGED, user, String.join("; ", permissions));
            log.info("Changed permissions of user {}: {}", user, String.join("; ", permissions));
        }
        List<String> other = new ArrayList<>();
        if (!Objects.equals(before.seat(), after.seat())) {
            other.add("seat " + before.seat() + " → " + after.seat());
        }
        if (!before.displayName().equals(after.displayName())) {
            other.add("display name changed");
        }
        if (!other.isEmpty()) {
            audit.record(AuditAction.USER_CHANGED, user, String.join("; ", other));
        }
        if (newPassword) {
            audit.record(AuditAction.PASSWORD_RESET, user, "by an administrator");
            log.info("An administrator set a new password for user {}", user);
        }
        if (unlock) {
            audit.record(AuditAction.ACCOUNT_UNLOCKED, user, null);
        }
    }

    private Account existing(String username) {
        return accounts.find(username).orElseThrow(() -> Problem.notFound("user", username));
    }

    private static Problem stale(String username, @Nullable Integer given, int current) {
        return Problem.conflict("user " + username + " was changed by someone else: you sent version " + given
                + ", the current version is " + current + "; reload and try again");
    }

    private static Set<Role> roles(
            @Nullable List<String> names, @Nullable String agency, List<Problem.FieldError> errors) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        if (names == null || names.isEmpty()) {
            errors.add(new Problem.FieldError("roles", "at least one role is required", names));
            return roles;
        }
        for (String name : names) {
            try {
                roles.add(Role.valueOf(String.valueOf(name).strip()));
            } catch (IllegalArgumentException unknown) {
                errors.add(new Problem.FieldError("roles", "unknown role; one of " + List.of(Role.values()), name));
            }
        }
        if (roles.stream().anyMatch(AGENCY_ROLES::contains) && blankToNull(agency) == null) {
            errors.add(new Problem.FieldError("agency", "is required for AGENCY_REP and AGENCY_CLERK", agency));
        }
        return roles;
    }

    private static void checkLengths(
            @Nullable String displayName,
            @Nullable String agency,
            @Nullable String seat,
            List<Problem.FieldError> errors) {
        if (displayName != null && displayName.strip().length() > 200) {
            errors.add(new Problem.FieldError("displayName", "must have at most 200 characters", null));
        }
        if (agency != null && agency.strip().length() > 40) {
            errors.add(new Problem.FieldError("agency", "must have at most 40 characters", agency));
        }
        if (seat != null && seat.strip().length() > 40) {
            errors.add(new Problem.FieldError("seat", "must have at most 40 characters", seat));
        }
    }

    /**
     * A user's agency (whatever the roles: a hall user may be given one too) must be an active
     * agency and a seat one of the hall's; otherwise the user would silently see nothing.
     */
    private void checkPlaces(@Nullable String agency, @Nullable String seat, List<Problem.FieldError> errors) {
        UserPlaces known = places.getIfAvailable();
        if (known == null) {
            log.warn("No UserPlaces in this application: a user's agency and seat are not checked.");
            return;
        }
        String agencyCode = blankToNull(agency);
        if (agencyCode != null && agencyCode.length() <= 40 && !known.isActiveAgency(agencyCode)) {
            errors.add(new Problem.FieldError(
                    "agency", "unknown or inactive agency '" + agencyCode + "'", Problem.clip(agencyCode)));
        }
        String seatCode = blankToNull(seat);
        if (seatCode != null && seatCode.length() <= 40 && !known.isSeat(seatCode)) {
            errors.add(new Problem.FieldError("seat", "unknown seat '" + seatCode + "'", Problem.clip(seatCode)));
        }
    }

    private static String describe(Account account) {
        return "roles " + RoleNames.formatOrNone(account.roles()) + "; agency " + account.agency() + "; seat "
                + account.seat() + "; enabled " + account.enabled();
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
