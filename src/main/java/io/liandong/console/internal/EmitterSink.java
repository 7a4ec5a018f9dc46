package io.liandong.console.internal;

import java.io.IOException;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** Writes server-sent events to one browser through Spring MVC's {@link SseEmitter}. */
final class EmitterSink implements ClientSink {

    private static final long RECONNECT_MILLIS = 2000;

    private final SseEmitter emitter;

    EmitterSink(SseEmitter emitter) {
        this.emitter = emitter;
    }

    @Override
    public void event(@Nullable String id, String name, String data) throws IOException {
        SseEmitter.SseEventBuilder event = SseEmitter.event()
                .name(name)
                .data(data, MediaType.APPLICATION_JSON)
                .reconnectTime(RECONNECT_MILLIS);
        if (id != null) {
            event.id(id);
        }
        emitter.send(event);
    }

    @Override
    public void comment(String text) throws IOException {
        emitter.send(SseEmitter.event().comment(text));
    }

    @Override
    public void close() {
        emitter.complete();
    }
}
