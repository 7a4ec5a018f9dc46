package io.liandong.shared.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.ConstraintViolationException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.json.JsonMapper;

/** Turns every failure into an RFC 9457 problem body; never a stack or class name in a body. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ProblemHandling {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandling.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern COERCED_NUMBER = Pattern.compile("Numeric value \\(([-+0-9.eE]{1,400})\\)");

    @ExceptionHandler(Problem.class)
    ResponseEntity<ProblemDetail> problem(Problem problem, HttpServletRequest request) {
        if (problem.status().is4xxClientError()) {
            log.warn("Refused {} {}: {}", request.getMethod(), request.getRequestURI(), problem.getMessage());
        }
        ProblemDetail body = body(problem.status(), problem.type(), problem.title(), problem.getMessage());
        if (!problem.fieldErrors().isEmpty()) {
            body.setProperty("errors", problem.fieldErrors());
        }
        return ResponseEntity.status(problem.status()).body(body);
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ResponseEntity<ProblemDetail> invalid(MethodArgumentNotValidException e) {
        List<Problem.FieldError> errors = new ArrayList<>();
        e.getBindingResult()
                .getFieldErrors()
                .forEach(f -> errors.add(new Problem.FieldError(
                        jsonName(e.getBindingResult().getTarget(), f.getField()),
                        String.valueOf(f.getDefaultMessage()),
                        shorten(f.getRejectedValue()))));
        e.getBindingResult()
                .getGlobalErrors()
                .forEach(g -> errors.add(
                        new Problem.FieldError(g.getObjectName(), String.valueOf(g.getDefaultMessage()), null)));
        return problem(Problem.invalid(errors), currentRequest());
    }

    /**
     * A field error's path as the client wrote it: a body record's component renamed in JSON
     * ({@code @JsonProperty("notify") recipients}) is named {@code notify}, with any index or
     * nested path after it kept.
     */
    static String jsonName(@Nullable Object target, String path) {
        if (target == null || !target.getClass().isRecord()) {
            return path;
        }
        int end = 0;
        while (end < path.length() && path.charAt(end) != '.' && path.charAt(end) != '[') {
            end++;
        }
        String first = path.substring(0, end);
        try {
            // A record component's field carries its @JsonProperty (the annotation does not target
            // record components).
            JsonProperty renamed = target.getClass().getDeclaredField(first).getAnnotation(JsonProperty.class);
            return renamed == null || renamed.value().isEmpty() ? path : renamed.value() + path.substring(end);
        } catch (NoSuchFieldException e) {
            return path;
        }
    }

    /** A request parameter that breaks its constraint (a latitude of 91, a NaN): 400 naming the parameter. */
    @ExceptionHandler(HandlerMethodValidationException.class)
    ResponseEntity<ProblemDetail> invalidParameter(HandlerMethodValidationException e) {
        List<Problem.FieldError> errors = new ArrayList<>();
        for (ParameterValidationResult result : e.getParameterValidationResults()) {
            String name = result.getMethodParameter().getParameterName();
            for (MessageSourceResolvable error : result.getResolvableErrors()) {
                errors.add(new Problem.FieldError(
                        name == null ? "parameter" : name,
                        String.valueOf(error.getDefaultMessage()),
                        shorten(result.getArgument())));
            }
        }
        return problem(Problem.invalid(errors), currentRequest());
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<ProblemDetail> violation(ConstraintViolationException e) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(
                        v.getPropertyPath().toString(), v.getMessage(), shorten(v.getInvalidValue())))
                .toList();
        return problem(Problem.invalid(errors), currentRequest());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e) {
        BodyLimitFilter.BodyTooLarge overLimit = overLimit(e);
        if (overLimit != null) {
            return bodyTooLarge(overLimit);
        }
        Throwable cause = e.getMostSpecificCause();
        if (cause instanceof ControlCharacterGuard.Refused refused) {
            String field = refused.getPath().isEmpty() ? "body" : fieldPath(refused);
            return problem(Problem.invalid(field, refused.reason(), shorten(refused.getValue())), currentRequest());
        }
        if (cause instanceof InputCoercionException overflow
                && !overflow.getPath().isEmpty()) {
            return problem(
                    Problem.invalid(fieldPath(overflow), outOfRange(overflow.getTargetType()), number(overflow)),
                    currentRequest());
        }
        if (cause instanceof tools.jackson.databind.exc.MismatchedInputException mismatch
                && !mismatch.getPath().isEmpty()) {
            String field = fieldPath(mismatch);
            Object rejected = mismatch instanceof tools.jackson.databind.exc.InvalidFormatException invalid
                    ? shorten(invalid.getValue())
                    : null;
            String expected = describe(mismatch.getTargetType());
            return problem(Problem.invalid(field, "must be " + expected, rejected), currentRequest());
        }
        // Something that is not JSON (a bare NaN): the parser knows where it was, to the last field.
        if (cause instanceof StreamReadException token && token.processor() != null) {
            String field = readingAt(token.processor().streamReadContext());
            if (field != null) {
                return problem(Problem.invalid(field, unreadableValue(token), null), currentRequest());
            }
        }
        JacksonException located = located(e);
        if (located != null) {
            return problem(Problem.invalid(fieldPath(located), unreadableValue(located), null), currentRequest());
        }
        String detail = e.getMessage() != null && e.getMessage().startsWith("Required request body is missing")
                ? "the request needs a JSON body"
                : "the request body is not valid JSON for this endpoint";
        return status(HttpStatus.BAD_REQUEST, "malformed-body", "Malformed request body", detail);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> badParameterType(MethodArgumentTypeMismatchException e) {
        // A parameter's own bounds (limit: 1 to 2000) are checked once it is a number; the range of
        // its Java type would only mislead.
        String expected = wholeNumber(e.getRequiredType()) != null ? "a whole number" : describe(e.getRequiredType());
        return problem(Problem.invalid(e.getName(), "must be " + expected, shorten(e.getValue())), currentRequest());
    }

    /** What a client must send, in words: the allowed values of an enum, or the kind of value; no class names. */
    private static String describe(Class<?> type) {
        if (type == null) {
            return "a valid value";
        }
        if (type.isEnum()) {
            StringBuilder values = new StringBuilder("one of");
            for (Object constant : type.getEnumConstants()) {
                values.append(' ').append(constant);
            }
            return values.toString();
        }
        String wholeNumber = wholeNumber(type);
        if (wholeNumber != null) {
            return wholeNumber;
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (java.time.temporal.Temporal.class.isAssignableFrom(type)) {
            return "an ISO-8601 instant such as 2026-12-05T08:00:00Z or 2026-12-05T16:00:00+08:00 (not a number)";
        }
        if (type == String.class) {
            return "a string";
        }
        return "a JSON object of the documented shape";
    }

    /** What a number that does not fit its field must be instead. */
    private static String outOfRange(@Nullable Class<?> type) {
        String wholeNumber = wholeNumber(type);
        return wholeNumber != null ? "must be " + wholeNumber : "is out of range for " + describe(type);
    }

    /**
     * A whole-number type in words, with its range: what a decimal (1.5, 1e30), a number too large
     * or anything else sent for such a field should have been. Null for other types.
     */
    private static @Nullable String wholeNumber(@Nullable Class<?> type) {
        if (type == int.class || type == Integer.class) {
            return "a whole number from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE;
        }
        if (type == long.class || type == Long.class) {
            return "a whole number from " + Long.MIN_VALUE + " to " + Long.MAX_VALUE;
        }
        if (type == short.class || type == Short.class) {
            return "a whole number from " + Short.MIN_VALUE + " to " + Short.MAX_VALUE;
        }
        if (type == byte.class || type == Byte.class) {
            return "a whole number from " + Byte.MIN_VALUE + " to " + Byte.MAX_VALUE;
        }
        if (type == java.math.BigInteger.class) {
            return "a whole number";
        }
        return null;
    }

    /** The number as sent, which Jackson names only in its message: "Numeric value (N) out of range ...". */
    private static @Nullable Object number(InputCoercionException e) {
        Matcher value = COERCED_NUMBER.matcher(String.valueOf(e.getOriginalMessage()));
        return value.lookingAt() ? shorten(value.group(1)) : null;
    }

    /** The path to the value that failed, as Jackson 3 keeps it on every {@link JacksonException}. */
    /**
     * The first exception of the chain that knows the field it was reading when the value could not
     * be read (a time that does not parse, a bare NaN), or null when none does.
     */
    private static @Nullable JacksonException located(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof JacksonException jackson && !jackson.getPath().isEmpty()) {
                return jackson;
            }
        }
        return null;
    }

    /**
     * The field the parser was in when it met something that is not JSON (a bare NaN), as the
     * client wrote it ({@code reports[2].lat}), or null at the top of the body.
     */
    private static @Nullable String readingAt(@Nullable TokenStreamContext context) {
        List<String> parts = new ArrayList<>();
        for (TokenStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                parts.add(0, "[" + Math.max(0, c.getCurrentIndex()) + "]");
            } else if (c.currentName() != null) {
                parts.add(0, (c.getParent() != null && !c.getParent().inRoot() ? "." : "") + c.currentName());
            }
        }
        return parts.isEmpty() ? null : String.join("", parts);
    }

    /** Why a located value could not be read, in words: no class or feature names. */
    private static String unreadableValue(JacksonException e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.time.DateTimeException) {
                return "must be " + describe(java.time.Instant.class);
            }
        }
        String message = String.valueOf(e.getOriginalMessage());
        if (message.contains("NaN") || message.contains("Infinity")) {
            return "must be a number (NaN and Infinity are not JSON)";
        }
        return "is not a readable JSON value for this field";
    }

    private static String fieldPath(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (var reference : e.getPath()) {
            if (reference.getPropertyName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.length() == 0 ? "body" : path.toString();
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ProblemDetail> missingParameter(MissingServletRequestParameterException e) {
        return problem(Problem.invalid(e.getParameterName(), "is required", null), currentRequest());
    }

    @ExceptionHandler(MissingRequestHeaderException.class)
    ResponseEntity<ProblemDetail> missingHeader(MissingRequestHeaderException e) {
        return problem(Problem.invalid(e.getHeaderName(), "header is required", null), currentRequest());
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ProblemDetail> mediaType(HttpMediaTypeNotSupportedException e) {
        return status(
                HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                "unsupported-media-type",
                "Unsupported media type",
                "content type " + e.getContentType() + " is not supported; send application/json");
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ProblemDetail> method(HttpRequestMethodNotSupportedException e) {
        return status(
                HttpStatus.METHOD_NOT_ALLOWED,
                "method-not-allowed",
                "Method not allowed",
                "method " + e.getMethod() + " is not allowed here");
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<ProblemDetail> noResource(NoResourceFoundException e) {
        return status(HttpStatus.NOT_FOUND, "not-found", "Not found", "no such resource: /" + e.getResourcePath());
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<ProblemDetail> tooLarge(MaxUploadSizeExceededException e) {
        HttpServletRequest request = currentRequest();
        log.warn("Refused {} {}: the upload is over the size limit", request.getMethod(), request.getRequestURI());
        String detail = e.getMaxUploadSize() > 0
                ? "the upload is too large; at most " + e.getMaxUploadSize() + " bytes are accepted"
                : "the upload is too large";
        return status(HttpStatus.CONTENT_TOO_LARGE, "too-large", "Request too large", detail);
    }

    /** A chunked body cut off by {@link BodyLimitFilter}, wherever in the reading it surfaced. */
    private static BodyLimitFilter.@Nullable BodyTooLarge overLimit(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof BodyLimitFilter.BodyTooLarge tooLarge) {
                return tooLarge;
            }
        }
        return null;
    }

    private ResponseEntity<ProblemDetail> bodyTooLarge(BodyLimitFilter.BodyTooLarge e) {
        HttpServletRequest request = currentRequest();
        log.warn(
                "Refused {} {}: the chunked body went over {} bytes",
                request.getMethod(),
                request.getRequestURI(),
                e.limit());
        return status(
                HttpStatus.CONTENT_TOO_LARGE,
                "too-large",
                "Request too large",
                BodyLimitFilter.tooLarge(-1, e.limit()));
    }

    @ExceptionHandler(MissingServletRequestPartException.class)
    ResponseEntity<ProblemDetail> missingPart(MissingServletRequestPartException e) {
        return problem(Problem.invalid(e.getRequestPartName(), "part is required", null), currentRequest());
    }

    /** A body that is not the multipart/form-data the endpoint reads, or a broken one. */
    @ExceptionHandler(MultipartException.class)
    ResponseEntity<ProblemDetail> malformedMultipart(MultipartException e) {
        BodyLimitFilter.BodyTooLarge overLimit = overLimit(e);
        if (overLimit != null) {
            return bodyTooLarge(overLimit);
        }
        log.warn("Refused a malformed multipart request: {}", firstLine(e.getMessage()));
        return status(
                HttpStatus.BAD_REQUEST,
                "malformed-body",
                "Malformed request body",
                "the request must be a well-formed multipart/form-data body");
    }

    @ExceptionHandler(OptimisticLockingFailureException.class)
    ResponseEntity<ProblemDetail> optimistic(OptimisticLockingFailureException e) {
        return status(HttpStatus.CONFLICT, "conflict", "Conflicting change", firstLine(e.getMessage()));
    }

    /**
     * The database chose this request's transaction to break a deadlock or gave up waiting for a
     * lock (H2 reports that as a query timeout): it was rolled back whole, so nothing is half
     * written, and sending it again will do.
     */
    @ExceptionHandler({PessimisticLockingFailureException.class, QueryTimeoutException.class})
    ResponseEntity<ProblemDetail> lockLost(TransientDataAccessException e) {
        log.warn("Rolled back a request that lost a lock to a concurrent one: {}", firstLine(e.getMessage()));
        return ResponseEntity.status(HttpStatus.CONFLICT)
                .header("Retry-After", "1")
                .body(body(
                        HttpStatus.CONFLICT,
                        "lock-conflict",
                        "Conflicting change",
                        "a concurrent request held the same rows and this one was rolled back; nothing was"
                                + " stored, send it again"));
    }

    @ExceptionHandler(DataIntegrityViolationException.class)
    ResponseEntity<ProblemDetail> integrity(DataIntegrityViolationException e) {
        log.warn(
                "Refused a change that breaks a database constraint: {}",
                firstLine(e.getMostSpecificCause().getMessage()));
        return status(
                HttpStatus.CONFLICT,
                "constraint",
                "Conflicting change",
                "the database refused the change: it breaks one of its rules for stored data (a duplicate, a"
                        + " missing reference or a value it does not allow); nothing was stored, and sending it"
                        + " again unchanged will be refused again");
    }

    /** The firewall checks a header when it is first read, which may be in a controller. */
    @ExceptionHandler(RequestRejectedException.class)
    ResponseEntity<ProblemDetail> rejected(RequestRejectedException e, HttpServletRequest request) {
        log.warn("Refused {} {}: {}", request.getMethod(), request.getRequestURI(), firstLine(e.getMessage()));
        return status(
                HttpStatus.BAD_REQUEST,
                "malformed-request",
                "Malformed request",
                "the request was refused: " + shorten(firstLine(e.getMessage())));
    }

    @ExceptionHandler({AccessDeniedException.class, AuthorizationDeniedException.class})
    ResponseEntity<ProblemDetail> denied(Exception e) {
        return status(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", "your role does not allow this");
    }

    /** A query string whose percent-encoding does not decode (a bare {@code %}, {@code %FF}, ...). */
    @ExceptionHandler(InvalidParameterException.class)
    ResponseEntity<ProblemDetail> undecodable(InvalidParameterException e, HttpServletRequest request) {
        log.info("Refused {} {}: its query string does not decode", request.getMethod(), request.getRequestURI());
        return status(
                HttpStatus.BAD_REQUEST,
                "malformed-request",
                "Malformed request",
                "the query string is not valid percent-encoded UTF-8 (a literal % is written %25)");
    }

    /**
     * The client accepts none of the types this resource answers in. Written directly, because
     * the body could not be negotiated either.
     */
    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    void notAcceptable(HttpMediaTypeNotAcceptableException e, HttpServletResponse response) throws IOException {
        String offered = e.getSupportedMediaTypes().isEmpty()
                ? "other types"
                : e.getSupportedMediaTypes().stream().map(Object::toString).collect(Collectors.joining(", "));
        ProblemBodies.write(
                JSON,
                response,
                HttpStatus.NOT_ACCEPTABLE,
                "not-acceptable",
                "Not acceptable",
                "the Accept header allows none of the types this answers in: " + offered,
                Map.of());
    }

    /**
     * The client went away while its answer was being written (typically a console's live stream):
     * there is nobody to answer, and nothing went wrong on this side.
     */
    @ExceptionHandler(AsyncRequestNotUsableException.class)
    void clientGone(AsyncRequestNotUsableException e, HttpServletRequest request) {
        log.debug("Client of {} {} went away: {}", request.getMethod(), request.getRequestURI(), e.getMessage());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e, HttpServletRequest request) {
        if (DatabaseOutage.causedBy(e)) {
            log.warn(
                    "Answered {} {} with 503: the database cannot be reached ({})",
                    request.getMethod(),
                    request.getRequestURI(),
                    e.toString());
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .header(HttpHeaders.RETRY_AFTER, String.valueOf(DatabaseOutage.RETRY_AFTER_SECONDS))
                    .body(body(
                            HttpStatus.SERVICE_UNAVAILABLE,
                            DatabaseOutage.TYPE,
                            DatabaseOutage.TITLE,
                            DatabaseOutage.DETAIL));
        }
        String correlation = UUID.randomUUID().toString();
        log.error("Unexpected failure {} on {} {}", correlation, request.getMethod(), request.getRequestURI(), e);
        ProblemDetail body = body(
                HttpStatus.INTERNAL_SERVER_ERROR,
                "internal",
                "Internal error",
                "an unexpected error occurred; quote correlation id " + correlation);
        body.setProperty("correlationId", correlation);
        return ResponseEntity.internalServerError().body(body);
    }

    static ProblemDetail body(HttpStatusCode status, String type, String title, String detail) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail);
        body.setType(ProblemTypes.of(type));
        body.setTitle(title);
        return body;
    }

    private static ResponseEntity<ProblemDetail> status(HttpStatus status, String type, String title, String detail) {
        return ResponseEntity.status(status).body(body(status, type, title, detail));
    }

    private static HttpServletRequest currentRequest() {
        var attributes = (org.springframework.web.context.request.ServletRequestAttributes)
                org.springframework.web.context.request.RequestContextHolder.currentRequestAttributes();
        return attributes.getRequest();
    }

    private static Object shorten(Object value) {
        if (value == null || value instanceof Number || value instanceof Boolean || value instanceof Enum<?>) {
            return value;
        }
        if (value instanceof java.util.Collection<?> items) {
            // a list is not repeated back (a batch of reports would be, caller data and all)
            return items.size() + " items";
        }
        if (value instanceof Map<?, ?> || value instanceof byte[]) {
            return String.valueOf(value)
                    .substring(0, Math.min(200, String.valueOf(value).length()));
        }
        String text = String.valueOf(value);
        return text.length() > 200 ? text.substring(0, 200) + "… (" + text.length() + " chars)" : value;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        String line = nl < 0 ? message : message.substring(0, nl);
        return line.length() > 300 ? line.substring(0, 300) : line;
    }
}
