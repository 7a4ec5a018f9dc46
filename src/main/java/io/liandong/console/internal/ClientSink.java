package io.liandong.console.internal;

import java.io.IOException;
import org.jspecify.annotations.Nullable;

/** Where one client's events are written: an {@code SseEmitter} in production. */
interface ClientSink {

    /** Writes one event; {@code id} is what the browser sends back as {@code Last-Event-ID}. */
    void event(@Nullable String id, String name, String data) throws IOException;

    /** Writes a comment line, which keeps an idle connection open and is ignored by the browser. */
    void comment(String text) throws IOException;

    /** Ends the response; the browser reconnects by itself. */
    void close();
}
