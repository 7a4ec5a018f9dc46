package io.liandong.dispatch.internal;

import io.liandong.dispatch.TaskAttachment;
import io.liandong.shared.security.CurrentActor;
import io.liandong.shared.web.Problem;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** Photos on a task's report-back: {@code /api/tasks/{id}/attachments}. */
@RestController
@RequestMapping("/api/tasks/{id}/attachments")
class AttachmentController {

    private static final Logger log = LoggerFactory.getLogger(AttachmentController.class);

    private final AttachmentService attachments;
    private final CurrentActor actor;

    AttachmentController(AttachmentService attachments, CurrentActor actor) {
        this.attachments = attachments;
        this.actor = actor;
    }

    /**
     * One photo as the multipart/form-data part {@code file}; {@code version}, if sent, must be the task's.
     * Any other part, or either of them twice, is refused whole: nothing of the upload is kept.
     */
    @PostMapping
    ResponseEntity<TaskAttachment> attach(
            @PathVariable long id,
            @RequestParam(name = "file", required = false) @Nullable MultipartFile file,
            @RequestParam(required = false) @Nullable Integer version,
            HttpServletRequest request)
            throws IOException {
        refuseUnexpectedParts(id, request);
        var upload = file == null ? null : new AttachmentService.Upload(file.getOriginalFilename(), file.getBytes());
        AttachmentService.Attached attached = attachments.attach(id, version, upload, actor.get());
        URI location = URI.create(
                "/api/tasks/" + id + "/attachments/" + attached.attachment().id());
        return attached.created()
                ? ResponseEntity.created(location).body(attached.attachment())
                : ResponseEntity.ok().location(location).body(attached.attachment());
    }

    /** The parts of the form, by name, in order: {@code file} once, {@code version} at most once, nothing else. */
    private static void refuseUnexpectedParts(long taskId, HttpServletRequest request) throws IOException {
        if (request.getContentType() == null
                || !request.getContentType().toLowerCase(Locale.ROOT).startsWith("multipart/")) {
            return; // not a form: the missing part file is told by the service
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        try {
            for (Part part : request.getParts()) {
                counts.merge(Problem.clip(part.getName()), 1, Integer::sum);
            }
        } catch (ServletException e) {
            return; // an unreadable form is refused where the parts are read
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        counts.forEach((name, count) -> {
            if (name.equals("file") && count > 1) {
                errors.add(new Problem.FieldError(
                        "file",
                        "one photo per upload; send each in its own request (" + count + " parts named file were sent)",
                        count));
            } else if (name.equals("version") && count > 1) {
                errors.add(new Problem.FieldError("version", "sent " + count + " times; send it at most once", count));
            } else if (!name.equals("file") && !name.equals("version")) {
                errors.add(new Problem.FieldError(
                        name,
                        "unexpected part; an upload holds the photo in the part file and, optionally, version",
                        null));
            }
        });
        if (!errors.isEmpty()) {
            log.info("Refused a photo upload to task {}: parts by name {}", taskId, counts);
            throw Problem.invalid(errors);
        }
    }

    @GetMapping
    List<TaskAttachment> list(@PathVariable long id) {
        return attachments.list(id, actor.get());
    }

    /** The photo's bytes, shown inline, never sniffed by the browser as anything but their type. */
    @GetMapping("/{attachmentId}")
    ResponseEntity<byte[]> photo(@PathVariable long id, @PathVariable long attachmentId) {
        AttachmentService.Photo photo = attachments.photo(id, attachmentId, actor.get());
        ContentDisposition inline = ContentDisposition.inline()
                .filename(photo.attachment().fileName(), StandardCharsets.UTF_8)
                .build();
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(photo.attachment().contentType()))
                .contentLength(photo.bytes().length)
                .header(HttpHeaders.CONTENT_DISPOSITION, inline.toString())
                .header("X-Content-Type-Options", "nosniff")
                .body(photo.bytes());
    }
}
