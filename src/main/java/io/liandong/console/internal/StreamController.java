package io.liandong.console.internal;

import io.liandong.shared.security.Actor;
import io.liandong.shared.security.CurrentActor;
import io.liandong.shared.web.Problem;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * {@code GET /api/stream}: every record entry the user may see, as server-sent events named after
 * the entry type with the entry id as event id. A reconnecting browser sends {@code Last-Event-ID}
 * by itself; a client that reconnects on its own passes {@code ?after=<id>}.
 */
@RestController
class StreamController {

    private final LiveStream stream;
    private final CurrentActor currentActor;
    private final StreamProperties properties;

    StreamController(LiveStream stream, CurrentActor currentActor, StreamProperties properties) {
        this.stream = stream;
        this.currentActor = currentActor;
        this.properties = properties;
    }

    @GetMapping(path = "/api/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter stream(
            @RequestHeader(name = "Last-Event-ID", required = false) @Nullable String lastEventId,
            @RequestParam(name = "after", required = false) @Nullable String after,
            HttpServletResponse response) {
        Long resumeAfter = null;
        if (lastEventId != null && !lastEventId.isBlank()) {
            resumeAfter = entryId("Last-Event-ID", lastEventId);
        } else if (after != null && !after.isBlank()) {
            resumeAfter = entryId("after", after);
        }
        Actor actor = currentActor.get();
        // A hall role sees every entry; a user with agency roles only sees its own agency's.
        String agency = actor.isAgencyUser() ? actor.agencyCode() : null;
        if (actor.isAgencyUser() && agency == null) {
            throw Problem.forbidden("user " + actor.username() + " has neither a hall role nor an agency");
        }

        SseEmitter emitter = new SseEmitter(properties.timeout().toMillis());
        response.setHeader("Cache-Control", "no-cache, no-transform");
        response.setHeader("X-Accel-Buffering", "no");
        Subscriber subscriber = stream.subscribe(
                new EmitterSink(emitter), agency, resumeAfter, actor.username(), currentActor.stillLoggedIn());
        emitter.onCompletion(() -> stream.unsubscribe(subscriber));
        emitter.onTimeout(() -> stream.unsubscribe(subscriber));
        emitter.onError(error -> stream.unsubscribe(subscriber));
        return emitter;
    }

    private static long entryId(String field, String value) {
        try {
            long id = Long.parseLong(value.strip());
            if (id >= 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // answered below with the offending value
        }
        throw Problem.invalid(field, "must be a record entry id (a whole number, 0 or more)", value);
    }
}
