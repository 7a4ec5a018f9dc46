package io.liandong.notify.internal;

import io.liandong.notify.Notification;
import io.liandong.notify.NotificationService;
import io.liandong.shared.security.CurrentActor;
import io.liandong.shared.security.Role;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

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
        var who = actor.get();
        String target = recipient;
        if (target == null) {
            target = who.has(Role.LEADER) ? "LEADER" : "COMMANDER";
        }
        return notifications.forRecipient(target, unread, Math.max(1, Math.min(limit, 500)));
    }

    @PostMapping("/{id}/read")
    Notification read(@PathVariable long id) {
        return notifications.markRead(id, actor.get().username());
    }
}
