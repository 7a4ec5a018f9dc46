package io.liandong.intake.internal;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import io.liandong.catalog.CatalogService;
import io.liandong.catalog.Suggestion;
import io.liandong.intake.Channel;
import io.liandong.intake.IntakeResult;
import io.liandong.intake.IntakeService;
import io.liandong.intake.ReportRequest;
import io.liandong.shared.Masking;
import io.liandong.shared.security.Actor;
import io.liandong.shared.security.CurrentActor;
import io.liandong.shared.web.PageLimit;
import io.liandong.shared.web.Problem;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Intake: {@code /api/reports}. */
@RestController
@RequestMapping("/api/reports")
class ReportController {

    private final IntakeService intake;
    private final ReportStore reports;
    private final CatalogService catalog;
    private final CurrentActor actor;

    ReportController(IntakeService intake, ReportStore reports, CatalogService catalog, CurrentActor actor) {
        this.intake = intake;
        this.reports = reports;
        this.catalog = catalog;
        this.actor = actor;
    }

    @PostMapping
    ResponseEntity<IntakeResult> receive(
            @Valid @RequestBody ReportRequest request,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
            HttpServletRequest http) {
        // Given twice, the values would arrive joined by a comma and be stored as one key.
        int given = Collections.list(http.getHeaders("Idempotency-Key")).size();
        if (given > 1) {
            throw Problem.invalid(
                    "Idempotency-Key", "is given " + given + " times: send one Idempotency-Key header", null);
        }
        IntakeService.Received received = intake.receive(request, idempotencyKey, actor.get());
        IntakeResult result = received.result();
        if (received.replayed()) {
            return ResponseEntity.ok(result);
        }
        return ResponseEntity.created(URI.create("/api/reports/" + result.reportId()))
                .body(result);
    }

    /**
     * One report of a batch and its own idempotency key. Unknown fields are collected and refused: a
     * misspelt key field would otherwise be dropped, and a retried batch stored twice.
     */
    record BatchReport(
            @Nullable String idempotencyKey,
            @NotNull @Valid ReportRequest report,
            @JsonAnySetter @Nullable Map<String, Object> unknown) {}

    record BatchRequest(
            @NotNull @Size(min = 1, max = MAX_BATCH) List<@NotNull @Valid BatchReport> reports,
            @JsonAnySetter @Nullable Map<String, Object> unknown) {}

    /** What each report of a batch became, in the batch's order; {@code replayed} for a stored answer. */
    record BatchOutcome(boolean replayed, IntakeResult result) {}

    record BatchAnswer(int received, int stored, int replayed, List<BatchOutcome> results) {}

    /** The most reports one batch may hold. */
    static final int MAX_BATCH = 500;

    /**
     * Several reports in one request and one transaction, for systems that forward reports (the
     * 12345 hotline platform, online channels): all are stored or none is.
     */
    @PostMapping("/batch")
    BatchAnswer receiveBatch(
            @Valid @RequestBody BatchRequest request,
            @RequestHeader(name = "Idempotency-Key", required = false) String batchKey) {
        // A key for the whole batch would be ignored, and a retried batch stored twice: refused.
        if (batchKey != null) {
            throw Problem.invalid(
                    "Idempotency-Key",
                    "a batch has no key of its own: give each report its key in reports[i].idempotencyKey",
                    null);
        }
        refuseUnknown(
                request.unknown(),
                "",
                "is not a field of a batch (reports; each report's key goes in reports[i].idempotencyKey)");
        for (int i = 0; i < request.reports().size(); i++) {
            refuseUnknown(
                    request.reports().get(i).unknown(),
                    "reports[" + i + "].",
                    "is not a field of a batch item (idempotencyKey, report)");
        }
        List<IntakeService.Received> received = intake.receiveAll(
                request.reports().stream()
                        .map(r -> new IntakeService.BatchItem(r.idempotencyKey(), r.report()))
                        .toList(),
                actor.get());
        int replayed =
                (int) received.stream().filter(IntakeService.Received::replayed).count();
        return new BatchAnswer(
                received.size(),
                received.size() - replayed,
                replayed,
                received.stream()
                        .map(r -> new BatchOutcome(r.replayed(), r.result()))
                        .toList());
    }

    /** Refuses the first of these unknown fields, named after {@code prefix}. */
    private static void refuseUnknown(@Nullable Map<String, Object> unknown, String prefix, String message) {
        if (unknown != null && !unknown.isEmpty()) {
            String field = Problem.clip(unknown.keySet().iterator().next());
            throw Problem.invalid(prefix + field, message, field);
        }
    }

    record ClassifyRequest(@NotNull @Size(max = 4000) String text) {}

    record SuggestionView(String category, String name, String nameEn, double confidence) {}

    record ClassifyResponse(List<SuggestionView> suggestions) {}

    @PostMapping("/classify")
    ClassifyResponse classify(@Valid @RequestBody ClassifyRequest request) {
        List<Suggestion> suggestions = intake.classify(request.text()).suggestions();
        return new ClassifyResponse(suggestions.stream()
                .map(s -> {
                    var c = catalog.find(s.category());
                    return new SuggestionView(
                            s.category(),
                            c.map(x -> x.nameZh()).orElse(s.category()),
                            c.map(x -> x.nameEn()).orElse(s.category()),
                            s.confidence());
                })
                .toList());
    }

    @GetMapping
    List<ReportStore.StoredReport> list(
            @RequestParam(required = false) Instant from,
            @RequestParam(required = false) Instant to,
            @RequestParam(required = false) String channel,
            @RequestParam(required = false) Long incident,
            @RequestParam(defaultValue = "200") int limit) {
        Actor who = actor.get();
        if (from != null && to != null && from.isAfter(to)) {
            throw Problem.invalid("from", "must not be after to (" + to + ")", from.toString());
        }
        String channelCode = channel == null || channel.isBlank()
                ? null
                : Channel.parse(channel)
                        .map(Channel::code)
                        .orElseThrow(() -> Problem.invalid(
                                "channel", "must be one of 110 119 120 12345 12350 WEB APP VIDEO API", channel));
        return reports.search(from, to, channelCode, incident, PageLimit.check(limit, 2000)).stream()
                .map(r -> masked(r, who))
                .toList();
    }

    @GetMapping("/{id}")
    ReportStore.StoredReport one(@PathVariable long id) {
        return reports.find(id).map(r -> masked(r, actor.get())).orElseThrow(() -> Problem.notFound("report", id));
    }

    private static ReportStore.StoredReport masked(ReportStore.StoredReport r, Actor who) {
        if (who.seesPersonalData()) {
            return r;
        }
        return new ReportStore.StoredReport(
                r.id(),
                r.channel(),
                r.receivedAt(),
                Masking.phone(r.callerNumber()),
                Masking.name(r.callerName()),
                r.address(),
                r.lat(),
                r.lon(),
                r.districtCode(),
                r.text(),
                r.category(),
                r.suggestedCategory(),
                r.confidence(),
                r.priority(),
                r.severity(),
                r.outcome(),
                r.incidentId(),
                r.drill(),
                r.externalRef(),
                r.createdBy());
    }
}
