package io.liandong.dispatch.internal;

import io.liandong.dispatch.DispatchService;
import io.liandong.dispatch.Task;
import io.liandong.dispatch.TaskAttachment;
import io.liandong.dispatch.TaskStatus;
import io.liandong.dispatch.TaskStep;
import io.liandong.record.NewEntry;
import io.liandong.record.RecordService;
import io.liandong.shared.Sha256;
import io.liandong.shared.security.Actor;
import io.liandong.shared.web.Problem;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Photos on a task's report-back: the task's own agency attaches them while it may report back,
 * the hall reads them. Every new photo writes its row and an ATTACHMENT_ADDED entry on the
 * incident's record in one transaction.
 */
@Service
class AttachmentService {

    private static final Logger log = LoggerFactory.getLogger(AttachmentService.class);
    private static final int MAX_NAME_LENGTH = 200;

    private final DispatchService dispatch;
    private final AttachmentStore store;
    private final RecordService record;
    private final Clock clock;
    private final long maxBytes;
    private final int maxPerTask;

    AttachmentService(
            DispatchService dispatch,
            AttachmentStore store,
            RecordService record,
            Clock clock,
            @Value("${liandong.dispatch.attachments.max-bytes:4194304}") long maxBytes,
            @Value("${liandong.dispatch.attachments.max-per-task:10}") int maxPerTask) {
        this.dispatch = dispatch;
        this.store = store;
        this.record = record;
        this.clock = clock;
        this.maxBytes = maxBytes;
        this.maxPerTask = maxPerTask;
    }

    /** A photo as the client sent it: the name it gave and the bytes. */
    record Upload(@Nullable String fileName, byte[] bytes) {}

    /** The attachment, and whether it is new (false: this very photo was already on the task). */
    record Attached(TaskAttachment attachment, boolean created) {}

    /** A photo with its bytes. */
    record Photo(TaskAttachment attachment, byte[] bytes) {}

    @Transactional
    Attached attach(long taskId, @Nullable Integer version, @Nullable Upload upload, Actor actor) {
        Task task = dispatch.movableTask(taskId, actor, "attach a photo to");
        Upload photo = present(upload);
        PhotoKind kind = check(task, photo);

        store.lockTask(taskId);
        Task current = dispatch.find(taskId).orElseThrow();
        refuseUnlessReportingBack(current, version);
        String digest = Sha256.hex(photo.bytes());
        Optional<TaskAttachment> same = store.withDigest(taskId, digest);
        if (same.isPresent()) {
            log.info(
                    "Task {}: photo {} was already attached, nothing stored",
                    taskId,
                    same.get().id());
            return new Attached(same.get(), false);
        }
        int count = store.count(taskId);
        if (count >= maxPerTask) {
            throw Problem.refused(
                    "attachment-refused",
                    "task " + taskId + " already has " + count + " photos; at most " + maxPerTask + " are kept");
        }

        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS); // as the database keeps it
        TaskAttachment draft = new TaskAttachment(
                0,
                taskId,
                current.incidentId(),
                fileName(photo.fileName(), kind),
                kind.contentType(),
                photo.bytes().length,
                digest,
                actor.username(),
                now);
        long id = store.insert(draft, photo.bytes());
        TaskAttachment stored = withId(draft, id);
        record.append(NewEntry.of(current.incidentId(), now, actor.username(), actor.seat(), "ATTACHMENT_ADDED")
                .task(taskId, current.agency())
                .detail(stored.fileName() + " (" + stored.contentType() + ", " + stored.size() + " bytes)"));
        log.info(
                "Task {} of agency {} on incident {}: photo {} attached ({}, {} bytes)",
                taskId,
                current.agency(),
                current.incidentId(),
                id,
                stored.contentType(),
                stored.size());
        return new Attached(stored, true);
    }

    @Transactional(readOnly = true)
    List<TaskAttachment> list(long taskId, Actor actor) {
        refuseUnlessReader(dispatch.visibleTask(taskId, actor), actor);
        return store.ofTask(taskId);
    }

    @Transactional(readOnly = true)
    Photo photo(long taskId, long attachmentId, Actor actor) {
        refuseUnlessReader(dispatch.visibleTask(taskId, actor), actor);
        return store.find(taskId, attachmentId)
                .map(s -> new Photo(s.attachment(), s.bytes()))
                .orElseThrow(() -> Problem.notFound("photo", attachmentId + " of task " + taskId));
    }

    /**
     * Photos may show people: the hall roles that see personal data, and an agency role of the
     * task's own agency (an agency role of another agency adds nothing to, say, an analyst's).
     */
    private static void refuseUnlessReader(Task task, Actor actor) {
        if (!actor.seesPhotosOf(task.agency())) {
            throw Problem.forbidden(
                    "your roles do not see the photos of task " + task.id() + " of agency " + task.agency());
        }
    }

    private static Upload present(@Nullable Upload upload) {
        if (upload == null) {
            throw Problem.invalid("file", "send the photo as the multipart/form-data part named file", null);
        }
        return upload;
    }

    private PhotoKind check(Task task, Upload upload) {
        if (upload.bytes().length == 0) {
            throw Problem.invalid("file", "the photo is empty", shortName(upload.fileName()));
        }
        if (upload.bytes().length > maxBytes) {
            throw new Problem(
                    HttpStatus.CONTENT_TOO_LARGE,
                    "too-large",
                    "Request too large",
                    "the photo has " + upload.bytes().length + " bytes; at most " + maxBytes + " are accepted",
                    List.of());
        }
        return PhotoKind.sniff(upload.bytes())
                .orElseThrow(() -> new Problem(
                        HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                        "unsupported-media-type",
                        "Unsupported media type",
                        "file: only JPEG, PNG and WebP photos are accepted; the bytes sent for task " + task.id()
                                + " are none of them",
                        List.of(new Problem.FieldError(
                                "file", "must be a JPEG, PNG or WebP photo", shortName(upload.fileName())))));
    }

    private static void refuseUnlessReportingBack(Task task, @Nullable Integer version) {
        if (version != null && version != task.version()) {
            throw Problem.conflict("task " + task.id() + " was changed by someone else: you saw version " + version
                    + ", it is now at version " + task.version() + " (" + task.status() + ")");
        }
        TaskStatus.Transition reportBack = task.status().take(TaskStep.REPORT_BACK);
        if (!reportBack.allowed()) {
            log.warn("Refused a photo on task {} of agency {}: {}", task.id(), task.agency(), reportBack.refusal());
            throw Problem.refused(
                    "attachment-refused",
                    "photos are attached while reporting back: " + reportBack.refusal() + " (task " + task.id() + ")");
        }
    }

    /**
     * The last segment of the name the client gave, without control characters (C0, DEL, C1) or
     * line breaks, at most 200 characters.
     */
    static String fileName(@Nullable String given, PhotoKind kind) {
        String name = clean(given);
        return name.isEmpty() || name.equals(".") || name.equals("..") ? "photo." + kind.extension() : name;
    }

    private static String clean(@Nullable String given) {
        String name = given == null ? "" : given;
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        name = name.replaceAll("[\\p{Cntrl}\\x{80}-\\x{9F}\\p{Zl}\\p{Zp}]", "").strip();
        if (name.codePointCount(0, name.length()) > MAX_NAME_LENGTH) {
            name = name.substring(0, name.offsetByCodePoints(0, MAX_NAME_LENGTH));
        }
        return name;
    }

    private static String shortName(@Nullable String given) {
        String name = clean(given);
        return name.isEmpty() ? "the upload" : name;
    }

    private static TaskAttachment withId(TaskAttachment a, long id) {
        return new TaskAttachment(
                id,
                a.taskId(),
                a.incidentId(),
                a.fileName(),
                a.contentType(),
                a.size(),
                a.sha256(),
                a.uploadedBy(),
                a.uploadedAt());
    }
}
