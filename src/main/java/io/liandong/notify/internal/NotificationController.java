package io.liandong.notify.internal;

import io.liandong.agency.Agency;
import io.liandong.agency.AgencyService;
import io.liandong.notify.Notification;
import io.liandong.notify.NotificationService;
import io.liandong.shared.security.Actor;
import io.liandong.shared.security.CurrentActor;
import io.liandong.shared.security.Role;
import io.liandong.shared.web.PageLimit;
import io.liandong.shared.web.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/notifications}: the hall reads any recipient's; an agency user only those addressed
 * to its own agency.
 */
@RestController
@RequestMapping("/api/notifications")
class NotificationController {

    private static final Logger log = LoggerFactory.getLogger(NotificationController.class);
    private static final Role[] ACTING_HALL_ROLES = {Role.CALL_TAKER, Role.COMMANDER, Role.LEADER, Role.ADMIN};

    /** The roles notified as such; every other recipient is an agency, by its code. */
    private static final List<String> ROLE_RECIPIENTS = List.of("LEADER", "COMMANDER");

    private final NotificationService notifications;
    private final AgencyService agencies;
    private final CurrentActor actor;

    NotificationController(NotificationService notifications, AgencyService agencies, CurrentActor actor) {
        this.notifications = notifications;
        this.agencies = agencies;
        this.actor = actor;
    }

    @GetMapping
    List<Notification> list(
            @RequestParam(required = false) @Nullable String recipient,
            @RequestParam(defaultValue = "false") boolean unread,
            @RequestParam(defaultValue = "100") int limit) {
        int checked = PageLimit.check(limit, 500);
        return notifications.forRecipient(recipient(actor.get(), recipient), unread, checked);
    }

    /**
     * Marking read changes what the recipient sees as unread (the state is the notification's, not
     * the reader's), so it takes a hall role that acts (not ANALYST, who only reads) or an agency
     * role of the recipient agency; an ANALYST who also holds an agency role marks only its own
     * agency's. An agency user finds no other agency's notification (404).
     */
    @PostMapping("/{id}/read")
    Notification read(@PathVariable long id) {
        Actor who = actor.get();
        Notification notification = notifications.find(id);
        if (!who.hasAny(ACTING_HALL_ROLES) && !who.actsFor(notification.recipient())) {
            if (who.isAgencyUser()) {
                throw Problem.notFound("notification", id);
            }
            log.info(
                    "Refused {} marking notification {} of {} read: analyst only",
                    who.username(),
                    id,
                    notification.recipient());
            throw Problem.forbidden("the analyst role reads notifications but does not mark them read (notification "
                    + id + " is for " + notification.recipient() + ")");
        }
        return notifications.markRead(id, who.username());
    }

    /**
     * Whose notifications the caller asked for: an agency user gets its own agency's, never another's.
     * The recipient is LEADER, COMMANDER or an agency code, in any case; blank is none given.
     */
    private String recipient(Actor who, @Nullable String asked) {
        String wanted = asked == null || asked.isBlank() ? null : known(asked);
        if (who.isAgencyUser()) {
            if (wanted != null && !wanted.equals(who.agencyCode())) {
                throw Problem.forbidden("an agency user reads only the notifications of its own agency "
                        + who.agencyCode() + ", not those of " + wanted);
            }
            return who.agencyCode();
        }
        if (wanted != null) {
            return wanted;
        }
        return who.has(Role.LEADER) ? "LEADER" : "COMMANDER";
    }

    /** The recipient as stored (upper case), or 400 naming the known ones. */
    private String known(String asked) {
        String code = asked.strip().toUpperCase(Locale.ROOT);
        List<String> recipients = new ArrayList<>(ROLE_RECIPIENTS);
        agencies.all().stream().map(Agency::code).sorted().forEach(recipients::add);
        if (!recipients.contains(code)) {
            throw Problem.invalid(
                    "recipient", "must be one of " + String.join(" ", recipients) + " (any case)", Problem.clip(asked));
        }
        return code;
    }
}
