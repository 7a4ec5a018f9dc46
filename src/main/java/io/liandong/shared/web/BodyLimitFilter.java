package io.liandong.shared.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Refuses request bodies larger than {@code liandong.web.max-body-size} (4 MB by default) with a
 * 413 problem before anything reads them; a chunked body is cut off at the same size. A
 * multipart/form-data body (a photo) gets 64 KB more for its boundaries and part headers, so that
 * a file of the full size fits; the file itself is held to the size by the multipart settings.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class BodyLimitFilter extends OncePerRequestFilter {

    /** Room for a multipart body's boundaries and part headers around a file of the full size. */
    static final long MULTIPART_FRAMING = 64 * 1024;

    private final long limit;
    private final JsonMapper json;

    BodyLimitFilter(@Value("${liandong.web.max-body-size:4194304}") long limit, JsonMapper json) {
        this.limit = limit;
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long limit = limitFor(request);
        if (request.getContentLengthLong() > limit) {
            ProblemBodies.write(
                    json,
                    response,
                    HttpStatus.CONTENT_TOO_LARGE,
                    "too-large",
                    "Request too large",
                    tooLarge(request.getContentLengthLong(), limit),
                    Map.of("instance", request.getRequestURI()));
            return;
        }
        chain.doFilter(request.getContentLengthLong() >= 0 ? request : new Limited(request, limit), response);
    }

    /** The detail of a 413 problem: how many bytes came (or at least came) and how many are accepted. */
    public static String tooLarge(long bytes, long limit) {
        return bytes > 0
                ? "the request body has " + bytes + " bytes; at most " + limit + " are accepted"
                : "the request body is over " + limit + " bytes; at most " + limit + " are accepted";
    }

    /** A chunked body went over the limit while it was read: answered 413 like a declared one. */
    public static final class BodyTooLarge extends IOException {

        private static final long serialVersionUID = 1L;

        private final long limit;

        BodyTooLarge(long limit) {
            super("request body exceeds " + limit + " bytes");
            this.limit = limit;
        }

        public long limit() {
            return limit;
        }
    }

    private long limitFor(HttpServletRequest request) {
        String type = request.getContentType();
        boolean multipart =
                type != null && type.regionMatches(true, 0, "multipart/form-data", 0, "multipart/form-data".length());
        return multipart ? limit + MULTIPART_FRAMING : limit;
    }

    /** A request whose body stream ends in an error once more than the limit has been read. */
    private static final class Limited extends HttpServletRequestWrapper {

        private final long limit;

        Limited(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            ServletInputStream in = super.getInputStream();
            return new ServletInputStream() {
                private long read;

                @Override
                public int read() throws IOException {
                    int b = in.read();
                    if (b >= 0 && ++read > limit) {
                        throw new BodyTooLarge(limit);
                    }
                    return b;
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    int n = in.read(buffer, offset, length);
                    if (n > 0) {
                        read += n;
                        if (read > limit) {
                            throw new BodyTooLarge(limit);
                        }
                    }
                    return n;
                }

                @Override
                public boolean isFinished() {
                    return in.isFinished();
                }

                @Override
                public boolean isReady() {
                    return in.isReady();
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    in.setReadListener(listener);
                }
            };
        }
    }
}
