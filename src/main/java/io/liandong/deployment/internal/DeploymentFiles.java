package io.liandong.deployment.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The shape of the five deployment files, field for field as docs/reference-deployment.md
 * describes them. Values stay text here so that a wrong one can be reported with its file and entry.
 */
final class DeploymentFiles {

    static final String AGENCIES = "agencies.yaml";
    static final String ZONES = "zones.yaml";
    static final String SEATS = "seats.yaml";
    static final String CATEGORIES = "categories.yaml";
    static final String PLANS = "plans.yaml";

    /** The five, in the order a deployment is built: zones, agencies, seats, categories, plans. */
    static final List<String> NAMES = List.of(ZONES, AGENCIES, SEATS, CATEGORIES, PLANS);

    private DeploymentFiles() {}

    record AgenciesFile(@Nullable List<AgencyEntry> agencies) {}

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonPropertyOrder({
        "code",
        "nameZh",
        "nameEn",
        "kind",
        "residency",
        "seasons",
        "districts",
        "member",
        "chiefRep",
        "active"
    })
    record AgencyEntry(
            @Nullable String code,
            @Nullable String nameZh,
            @Nullable String nameEn,
            @Nullable String kind,
            @Nullable String residency,
            @Nullable List<String> seasons,
            @Nullable List<String> districts,
            @Nullable Boolean member,
            @Nullable String chiefRep,
            @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Boolean active) {}

    record ZonesFile(@Nullable List<ZoneEntry> zones) {}

    @JsonPropertyOrder({"code", "nameZh", "nameEn", "platform"})
    record ZoneEntry(
            @Nullable String code, @Nullable String nameZh, @Nullable String nameEn, @Nullable String platform) {}

    record SeatsFile(@Nullable List<SeatEntry> seats) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"code", "zone", "label", "role", "agency"})
    record SeatEntry(
            @Nullable String code,
            @Nullable String zone,
            @Nullable String label,
            @Nullable String role,
            @Nullable String agency) {}

    record CategoriesFile(@Nullable List<CategoryEntry> categories) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({
        "code",
        "parent",
        "nameZh",
        "nameEn",
        "police",
        "divert",
        "priority",
        "severity",
        "owner",
        "keywords"
    })
    record CategoryEntry(
            @Nullable String code,
            @Nullable String parent,
            @Nullable String nameZh,
            @Nullable String nameEn,
            @Nullable Boolean police,
            @Nullable Boolean divert,
            @Nullable String priority,
            @Nullable String severity,
            @Nullable String owner,
            @Nullable String zone,
            @Nullable List<String> keywords) {}

    record PlansFile(@Nullable List<PlanEntry> plans) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"code", "nameZh", "nameEn", "category", "minSeverity", "notify", "tasks"})
    record PlanEntry(
            @Nullable String code,
            @Nullable String nameZh,
            @Nullable String nameEn,
            @Nullable String category,
            @Nullable String minSeverity,
            @JsonProperty("notify") @Nullable List<String> recipients,
            @Nullable List<TaskEntry> tasks) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"agency", "taskZh", "taskEn", "acknowledge", "arrive", "complete"})
    record TaskEntry(
            @Nullable String agency,
            @Nullable String taskZh,
            @Nullable String taskEn,
            @Nullable String acknowledge,
            @Nullable String arrive,
            @Nullable String complete) {}
}
