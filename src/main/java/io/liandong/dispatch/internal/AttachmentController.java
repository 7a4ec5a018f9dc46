package io.liandong.dispatch.internal;

import io.liandong.dispatch.TaskAttachment;
import io.liandong.shared.security.CurrentActor;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jspecify.annotations.Nullable;
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

    private final AttachmentService attachments;
    private final CurrentActor actor;

    AttachmentController(AttachmentService attachments, CurrentActor actor) {
        this.attachments = attachments;
        this.actor = actor;
    }

    /** One photo as the multipart/form-data part {@code file}; {@code version}, if sent, must be the task's. */
    @PostMapping
    ResponseEntity<TaskAttachment> attach(
            @PathVariable long id,
            @RequestParam(name = "file", required = false) @Nullable MultipartFile file,
            @RequestParam(required = false) @Nullable Integer version)
            throws IOException {
        var upload = file == null ? null : new AttachmentService.Upload(file.getOriginalFilename(), file.getBytes());
        AttachmentService.Attached attached = attachments.attach(id, version, upload, actor.get());
        URI location = URI.create(
                "/api/tasks/" + id + "/attachments/" + attached.attachment().id());
        return attached.created()
                ? ResponseEntity.created(location).body(attached.attachment())
                : ResponseEntity.ok().location(location).body(attached.attachment());
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
