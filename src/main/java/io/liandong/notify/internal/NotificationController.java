package io.liandong.notify.internal;

import io.liandong.notify.Notification;
import io.liandong.notify.NotificationService;
import io.liandong.shared.security.Actor;
import io.liandong.shared.security.CurrentActor;
import io.liandong.shared.security.Role;
import io.liandong.shared.web.PageLimit;
import io.liandong.shared.web.Problem;
import java.util.List;
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

    private final NotificationService notifications;
    private final CurrentActor actor;

    NotificationController(NotificationService notifications, CurrentActor actor) {
        this.notifications = notifications;
        this.actor = actor;
    }

    @GetMapping
    List<Notification> list(
            @RequestParam(required = false) String recipient,
            @RequestParam(defaultValue = "false") boolean unread,
            @RequestParam(defaultValue = "100") int limit) {
        int checked = PageLimit.check(limit, 500);
        return notifications.forRecipient(recipient(actor.get(), recipient), unread, checked);
    }

    @PostMapping("/{id}/read")
    Notification read(@PathVariable long id) {
        Actor who = actor.get();
        if (who.isAgencyUser() && !notifications.find(id).recipient().equals(who.agencyCode())) {
            throw Problem.notFound("notification", id);
        }
        return notifications.markRead(id, who.username());
    }

    /** Whose notifications the caller asked for: an agency user gets its own agency's, never another's. */
    private static String recipient(Actor who, String asked) {
        if (who.isAgencyUser()) {
            if (asked != null && !asked.equals(who.agencyCode())) {
                throw Problem.forbidden("an agency user reads only the notifications of its own agency "
                        + who.agencyCode() + ", not those of " + asked);
            }
            return who.agencyCode();
        }
        if (asked != null) {
            return asked;
        }
        return who.has(Role.LEADER) ? "LEADER" : "COMMANDER";
    }
}
