package io.liandong.deployment.internal;

import io.liandong.agency.Agency;
import io.liandong.agency.AgencyKind;
import io.liandong.agency.Residency;
import io.liandong.agency.SeasonWindow;
import io.liandong.agency.Seat;
import io.liandong.agency.Zone;
import io.liandong.catalog.Category;
import io.liandong.deployment.InvalidDeploymentException;
import io.liandong.deployment.internal.DeploymentFiles.AgenciesFile;
import io.liandong.deployment.internal.DeploymentFiles.AgencyEntry;
import io.liandong.deployment.internal.DeploymentFiles.CategoriesFile;
import io.liandong.deployment.internal.DeploymentFiles.CategoryEntry;
import io.liandong.deployment.internal.DeploymentFiles.PlanEntry;
import io.liandong.deployment.internal.DeploymentFiles.PlansFile;
import io.liandong.deployment.internal.DeploymentFiles.SeatEntry;
import io.liandong.deployment.internal.DeploymentFiles.SeatsFile;
import io.liandong.deployment.internal.DeploymentFiles.TaskEntry;
import io.liandong.deployment.internal.DeploymentFiles.ZoneEntry;
import io.liandong.deployment.internal.DeploymentFiles.ZonesFile;
import io.liandong.plan.Plan;
import io.liandong.plan.PlanTask;
import io.liandong.shared.Priority;
import io.liandong.shared.Severity;
import io.liandong.shared.security.Role;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads deployment files and converts each entry to the modules' types. Reports every problem it
 * finds, each naming the file, the line and column, the field's path as the file writes it and the
 * bad value, rather than stopping at the first. Checks only what one entry says on its own;
 * {@link DeploymentCheck} checks the references between entries.
 */
public final class DeploymentReader {

    /** The names of the five deployment files. */
    public static final List<String> FILES = DeploymentFiles.NAMES;

    static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // A key twice in one entry (nameEn: … nameEn: …) is a mistake, not "the last one wins".
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /** Reads the files the source has; {@code required} says whether all five must be there. */
    public Deployment read(DeploymentSource source, boolean required) {
        Problems problems = new Problems();
        Set<String> files = new LinkedHashSet<>();
        Map<String, YamlPlaces> places = new HashMap<>();
        AgenciesFile agencies = parse(source, DeploymentFiles.AGENCIES, AgenciesFile.class, files, places, problems);
        ZonesFile zones = parse(source, DeploymentFiles.ZONES, ZonesFile.class, files, places, problems);
        SeatsFile seats = parse(source, DeploymentFiles.SEATS, SeatsFile.class, files, places, problems);
        CategoriesFile categories =
                parse(source, DeploymentFiles.CATEGORIES, CategoriesFile.class, files, places, problems);
        PlansFile plans = parse(source, DeploymentFiles.PLANS, PlansFile.class, files, places, problems);
        if (files.isEmpty() || (required && files.size() < 5)) {
            problems.add(
                    "deployment",
                    "expected " + (required ? "all of " : "at least one of ")
                            + "agencies.yaml, zones.yaml, seats.yaml, categories.yaml, plans.yaml; found "
                            + (files.isEmpty() ? "none" : String.join(", ", files)));
        }

        Deployment deployment = new Deployment(
                convert(zones == null ? null : zones.zones(), DeploymentFiles.ZONES, this::zone, places, problems),
                convert(
                        agencies == null ? null : agencies.agencies(),
                        DeploymentFiles.AGENCIES,
                        this::agency,
                        places,
                        problems),
                convert(seats == null ? null : seats.seats(), DeploymentFiles.SEATS, this::seat, places, problems),
                convert(
                        categories == null ? null : categories.categories(),
                        DeploymentFiles.CATEGORIES,
                        this::category,
                        places,
                        problems),
                convert(plans == null ? null : plans.plans(), DeploymentFiles.PLANS, this::plan, places, problems),
                files);
        problems.throwIfAny(source.name());
        return deployment;
    }

    private static <T> @Nullable T parse(
            DeploymentSource source,
            String file,
            Class<T> type,
            Set<String> files,
            Map<String, YamlPlaces> places,
            Problems problems) {
        try (InputStream in = source.open(file)) {
            if (in == null) {
                return null;
            }
            files.add(file);
            YamlPlaces at = YamlPlaces.of(source, file);
            places.put(file, at);
            if (!at.aliases().isEmpty()) {
                // Read as the text of the alias's name, the value would be wrong or refused for the wrong reason.
                at.aliases().forEach(alias -> problems.add(alias.where(), alias.problem()));
                return null;
            }
            return parse(source, in, file, type, problems);
        } catch (DeploymentSource.NotAFileException e) {
            files.add(file);
            problems.add(file, e.getMessage());
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " from " + source.name(), e);
        }
    }

    /** Reads one file's content; a problem names the line and the field as the file has them. */
    private static <T> @Nullable T parse(
            DeploymentSource source, InputStream in, String file, Class<T> type, Problems problems) {
        JsonParser parser = null;
        try {
            parser = YAML.createParser(in);
            return YAML.readValue(parser, type);
        } catch (JacksonException e) {
            YamlProblem problem = YamlProblem.of(source, file, e, parser);
            problems.add(problem.where(), problem.problem());
            return null;
        } finally {
            if (parser != null) {
                parser.close();
            }
        }
    }

    /** Converts the entries of one file; an entry that does not convert is reported and left out. */
    private static <E, T> List<T> convert(
            @Nullable List<E> entries,
            String file,
            Converter<E, T> converter,
            Map<String, YamlPlaces> places,
            Problems problems) {
        List<T> converted = new ArrayList<>();
        if (entries == null) {
            return converted;
        }
        for (int i = 0; i < entries.size(); i++) {
            E entry = entries.get(i);
            Entry at = new Entry(file.substring(0, file.indexOf('.')) + "[" + i + "]", places.get(file), problems);
            if (entry == null) {
                at.fail("", "is empty");
                continue;
            }
            T value = converter.convert(entry, at);
            if (value != null && !at.failed) {
                converted.add(value);
            }
        }
        return converted;
    }

    private @Nullable Zone zone(ZoneEntry entry, Entry at) {
        String code = at.code(entry.code());
        String nameZh = at.text("nameZh", entry.nameZh(), 200);
        String nameEn = at.text("nameEn", entry.nameEn(), 200);
        String platform = at.oneOf("platform", entry.platform(), Zone.PLATFORMS);
        if (at.failed) {
            return null;
        }
        return new Zone(code, nameZh, nameEn, platform);
    }

    private @Nullable Agency agency(AgencyEntry entry, Entry at) {
        String code = at.code(entry.code());
        String nameZh = at.text("nameZh", entry.nameZh(), 200);
        String nameEn = at.text("nameEn", entry.nameEn(), 200);
        AgencyKind kind = at.enumValue("kind", entry.kind(), AgencyKind.class);
        Residency residency = at.enumValue("residency", entry.residency(), Residency.class);
        List<SeasonWindow> seasons = new ArrayList<>();
        List<String> windows = entry.seasons() == null ? List.of() : entry.seasons();
        for (int i = 0; i < windows.size(); i++) {
            String season = windows.get(i);
            if (season == null) {
                continue;
            }
            try {
                seasons.add(SeasonWindow.parse(season));
            } catch (IllegalArgumentException e) {
                at.fail("seasons[" + i + "]", "must look like MM-dd/MM-dd, was '" + season + "'");
            }
        }
        String chiefRep = entry.chiefRep();
        if (chiefRep != null && chiefRep.length() > 100) {
            at.fail("chiefRep", "must have at most 100 characters, was '" + chiefRep + "'");
        }
        if (at.failed) {
            return null;
        }
        return new Agency(
                code,
                nameZh,
                nameEn,
                kind,
                residency,
                seasons,
                list(entry.districts()),
                Boolean.TRUE.equals(entry.member()),
                chiefRep,
                !Boolean.FALSE.equals(entry.active()));
    }

    private @Nullable Seat seat(SeatEntry entry, Entry at) {
        String code = at.code(entry.code());
        String zone = at.text("zone", entry.zone(), 40);
        String label = at.text("label", entry.label(), 100);
        Role role = at.enumValue("role", entry.role(), Role.class);
        if (at.failed) {
            return null;
        }
        return new Seat(code, zone, label, role, entry.agency());
    }

    private @Nullable Category category(CategoryEntry entry, Entry at) {
        String code = at.code(entry.code());
        String nameZh = at.text("nameZh", entry.nameZh(), 200);
        String nameEn = at.text("nameEn", entry.nameEn(), 200);
        Priority priority = at.enumValue("priority", entry.priority(), Priority.class);
        Severity severity = at.enumValue("severity", entry.severity(), Severity.class);
        if (entry.police() == null) {
            at.fail("police", "must be true or false, was missing");
        }
        boolean police = Boolean.TRUE.equals(entry.police());
        boolean divert = entry.divert() == null ? !police : entry.divert();
        if (police && divert) {
            at.fail("divert", "must be false: a police category cannot be diverted");
        }
        String zone = entry.zone();
        if (zone != null && !zone.matches(DeploymentCheck.CODE)) {
            at.fail("zone", "must be 1 to 40 upper-case letters, digits and hyphens, was '" + zone + "'");
        }
        if (at.failed) {
            return null;
        }
        return new Category(
                code,
                entry.parent(),
                nameZh,
                nameEn,
                police,
                divert,
                priority,
                severity,
                entry.owner(),
                list(entry.keywords()).stream().map(String::strip).toList(),
                zone);
    }

    private @Nullable Plan plan(PlanEntry entry, Entry at) {
        String code = at.code(entry.code());
        String nameZh = at.text("nameZh", entry.nameZh(), 200);
        String nameEn = at.text("nameEn", entry.nameEn(), 200);
        String category = at.text("category", entry.category(), 40);
        Severity minSeverity = at.enumValue("minSeverity", entry.minSeverity(), Severity.class);
        List<PlanTask> tasks = new ArrayList<>();
        List<TaskEntry> entries = entry.tasks() == null ? List.of() : entry.tasks();
        int seq = 0;
        for (int i = 0; i < entries.size(); i++) {
            TaskEntry task = entries.get(i);
            if (task == null) {
                // An empty item of the list is no task, as an empty item of notify is no recipient.
                continue;
            }
            seq++;
            PlanTask converted = task(task, seq, "tasks[" + i + "].", at);
            if (converted != null) {
                tasks.add(converted);
            }
        }
        if (at.failed) {
            return null;
        }
        return new Plan(code, nameZh, nameEn, category, minSeverity, list(entry.recipients()), tasks);
    }

    private static @Nullable PlanTask task(TaskEntry task, int seq, String prefix, Entry at) {
        String agency = at.text(prefix + "agency", task.agency(), 40);
        String taskZh = at.text(prefix + "taskZh", task.taskZh(), 1000);
        String taskEn = at.text(prefix + "taskEn", task.taskEn(), 1000);
        Duration acknowledge = at.duration(prefix + "acknowledge", task.acknowledge());
        Duration arrive = at.duration(prefix + "arrive", task.arrive());
        Duration complete = at.duration(prefix + "complete", task.complete());
        if (agency.isEmpty() || taskZh.isEmpty() || taskEn.isEmpty()) {
            return null;
        }
        return new PlanTask(seq, agency, taskZh, taskEn, acknowledge, arrive, complete);
    }

    private static <T> List<T> list(@Nullable List<T> values) {
        return values == null
                ? List.of()
                : values.stream().filter(v -> v != null).toList();
    }

    @FunctionalInterface
    private interface Converter<E, T> {
        @Nullable
        T convert(E entry, Entry at);
    }

    /** One entry being converted: reads its fields and reports what is wrong with them where the file has them. */
    private static final class Entry {
        /** The entry's path as the file writes it: {@code plans[0]}. */
        private final String path;

        private final YamlPlaces places;
        private final Problems problems;
        boolean failed;

        Entry(String path, YamlPlaces places, Problems problems) {
            this.path = path;
            this.places = places;
            this.problems = problems;
        }

        String code(@Nullable String code) {
            if (code == null || !code.matches(DeploymentCheck.CODE)) {
                fail(
                        "code",
                        "must be 1 to 40 upper-case letters, digits and hyphens, was "
                                + (code == null ? "missing" : "'" + code + "'"));
                return "";
            }
            return code;
        }

        String text(String field, @Nullable String value, int max) {
            if (value == null || value.isBlank()) {
                fail(field, "is missing");
                return "";
            }
            if (value.length() > max) {
                fail(field, "must have at most " + max + " characters, was '" + value + "'");
            }
            return value.strip();
        }

        String oneOf(String field, @Nullable String value, List<String> allowed) {
            if (value == null || !allowed.contains(value)) {
                fail(
                        field,
                        "must be one of " + String.join(", ", allowed) + ", was "
                                + (value == null ? "missing" : "'" + value + "'"));
                return "";
            }
            return value;
        }

        <E extends Enum<E>> E enumValue(String field, @Nullable String value, Class<E> type) {
            E[] constants = type.getEnumConstants();
            for (E constant : constants) {
                if (constant.name().equals(value)) {
                    return constant;
                }
            }
            String names = Arrays.stream(constants).map(Enum::name).collect(Collectors.joining(", "));
            fail(field, "must be one of " + names + ", was " + (value == null ? "missing" : "'" + value + "'"));
            return constants[0];
        }

        @Nullable
        Duration duration(String field, @Nullable String value) {
            if (value == null || value.isBlank()) {
                return null;
            }
            try {
                return Duration.parse(value.strip());
            } catch (DateTimeParseException e) {
                fail(field, "must be an ISO-8601 duration such as PT15M, was '" + value + "'");
                return null;
            }
        }

        /**
         * Reports a problem of a field ({@code tasks[1].acknowledge}; empty for the entry itself) at
         * the line and column where its value starts, or where the entry starts when it has none.
         */
        void fail(String field, String problem) {
            failed = true;
            String at = field.isEmpty() ? path : path + "." + field;
            problems.add(places.where(at), at + " " + problem);
        }
    }

    /** The problems found so far, in the order found. */
    static final class Problems {
        private final List<String> lines = new ArrayList<>();

        /** A problem in a file, or at a place in it ({@code plans.yaml line 12, column 17}). */
        void add(String where, String problem) {
            lines.add(where + ": " + problem);
        }

        void throwIfAny(String source) {
            if (!lines.isEmpty()) {
                throw new InvalidDeploymentException(source, lines);
            }
        }
    }
}
