package io.liandong.shared.web;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;

/**
 * Tomcat's own error report, for requests it refuses before the application sees them (a request
 * line or headers over 8 KB, an encoded slash or backslash, a NUL, bad percent-encoding): an RFC
 * 9457 problem instead of Tomcat's HTML page, with no stack and no server version.
 */
public class ProblemReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(true);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(body(status));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // The client is gone or the response was committed meanwhile: nothing more can be sent.
        }
    }

    static String body(int status) {
        return "{\"type\":\"" + ProblemTypes.of(type(status)) + "\",\"title\":\"" + title(status) + "\",\"status\":"
                + status + ",\"detail\":\"" + detail(status) + "\"}";
    }

    private static String type(int status) {
        return switch (status) {
            case 400 -> "malformed-request";
            case 404 -> "not-found";
            case 408 -> "timeout";
            case 413 -> "too-large";
            case 414, 431 -> "malformed-request";
            default -> status >= 500 ? "internal" : "refused-request";
        };
    }

    private static String title(int status) {
        return switch (status) {
            case 400, 414, 431 -> "Malformed request";
            case 404 -> "Not found";
            case 408 -> "Request timeout";
            case 413 -> "Request too large";
            default -> status >= 500 ? "Internal error" : "Request refused";
        };
    }

    private static final String MALFORMED = "the server refused the request before reading it: the request line"
            + " or a header is longer than 8 KB, or the URL holds an encoded slash or backslash, a control"
            + " character or bad percent-encoding";

    private static String detail(int status) {
        if (status == 400 || status == 414 || status == 431) {
            return MALFORMED;
        }
        if (status >= 500) {
            return "the server could not handle the request";
        }
        return switch (status) {
            case 404 -> "no such resource";
            case 408 -> "the request was not sent in time";
            case 413 -> "the request body is too large";
            default -> "the server refused the request (HTTP " + status + ")";
        };
    }
}
