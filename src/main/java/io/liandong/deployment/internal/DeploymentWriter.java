package io.liandong.deployment.internal;

import io.liandong.agency.Agency;
import io.liandong.agency.SeasonWindow;
import io.liandong.agency.Seat;
import io.liandong.agency.Zone;
import io.liandong.catalog.Category;
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
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/** Writes a deployment as the five YAML files that {@link DeploymentReader} reads back. */
public final class DeploymentWriter {

    private static final YAMLMapper YAML = YAMLMapper.builder()
            .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
            .enable(YAMLWriteFeature.MINIMIZE_QUOTES)
            .enable(YAMLWriteFeature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .enable(YAMLWriteFeature.INDENT_ARRAYS_WITH_INDICATOR)
            .build();

    private static final String HEADER = "# Exported by Liandong; format: docs/reference-deployment.md\n";

    /**
     * Writes the five files into {@code folder} (created if missing; other files in it are left
     * alone). They are written into a fresh folder beside it first and moved in only when all five
     * are written, so a failed write leaves what was there before, not a mix of old and new.
     */
    public void write(Deployment deployment, Path folder) {
        Path target = folder.toAbsolutePath().normalize();
        Path staging = null;
        try {
            Files.createDirectories(target.getParent());
            staging = Files.createTempDirectory(target.getParent(), ".liandong-export-");
            writeAll(deployment, staging);
            Files.createDirectories(target);
            for (String file : DeploymentFiles.NAMES) {
                if (Files.isDirectory(target.resolve(file))) {
                    throw new IOException(target.resolve(file) + " is a folder, not a file: nothing was moved in");
                }
            }
            for (String file : DeploymentFiles.NAMES) {
                Files.move(staging.resolve(file), target.resolve(file), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the deployment to " + target, e);
        } finally {
            if (staging != null) {
                removeQuietly(staging);
            }
        }
    }

    private static void writeAll(Deployment deployment, Path folder) throws IOException {
        write(
                folder,
                DeploymentFiles.AGENCIES,
                new AgenciesFile(deployment.agencies().stream()
                        .map(DeploymentWriter::entry)
                        .toList()));
        write(
                folder,
                DeploymentFiles.ZONES,
                new ZonesFile(
                        deployment.zones().stream().map(DeploymentWriter::entry).toList()));
        write(
                folder,
                DeploymentFiles.SEATS,
                new SeatsFile(
                        deployment.seats().stream().map(DeploymentWriter::entry).toList()));
        write(
                folder,
                DeploymentFiles.CATEGORIES,
                new CategoriesFile(deployment.categories().stream()
                        .map(DeploymentWriter::entry)
                        .toList()));
        write(
                folder,
                DeploymentFiles.PLANS,
                new PlansFile(
                        deployment.plans().stream().map(DeploymentWriter::entry).toList()));
    }

    /**
     * Removes the staging folder and what is left in it (nothing, after a write that succeeded). A
     * failure here must not hide the write's own: it leaves a hidden folder beside the target.
     */
    private static void removeQuietly(Path staging) {
        try (Stream<Path> left = Files.list(staging)) {
            for (Path file : left.toList()) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(staging);
        } catch (IOException leftBehind) {
            // Nothing to do: the export itself succeeded or failed on its own.
        }
    }

    private static void write(Path folder, String file, Object content) throws IOException {
        Files.writeString(folder.resolve(file), HEADER + YAML.writeValueAsString(content), StandardCharsets.UTF_8);
    }

    private static AgencyEntry entry(Agency agency) {
        return new AgencyEntry(
                agency.code(),
                agency.nameZh(),
                agency.nameEn(),
                agency.kind().name(),
                agency.residency().name(),
                agency.seasons().stream().map(SeasonWindow::toString).toList(),
                agency.districts(),
                agency.member(),
                agency.chiefRep(),
                agency.active() ? null : Boolean.FALSE);
    }

    private static ZoneEntry entry(Zone zone) {
        return new ZoneEntry(zone.code(), zone.nameZh(), zone.nameEn(), zone.platform());
    }

    private static SeatEntry entry(Seat seat) {
        return new SeatEntry(
                seat.code(), seat.zoneCode(), seat.label(), seat.role().name(), seat.agencyCode());
    }

    private static CategoryEntry entry(Category category) {
        return new CategoryEntry(
                category.code(),
                category.parentCode(),
                category.nameZh(),
                category.nameEn(),
                category.police(),
                category.police() ? null : category.divert(),
                category.defaultPriority().name(),
                category.defaultSeverity().name(),
                category.ownerAgency(),
                category.zoneCode(),
                category.keywords());
    }

    private static PlanEntry entry(Plan plan) {
        List<TaskEntry> tasks =
                plan.tasks().stream().map(DeploymentWriter::entry).toList();
        return new PlanEntry(
                plan.code(),
                plan.nameZh(),
                plan.nameEn(),
                plan.categoryCode(),
                plan.minSeverity().name(),
                plan.recipients(),
                tasks);
    }

    private static TaskEntry entry(PlanTask task) {
        return new TaskEntry(
                task.agencyCode(),
                task.taskZh(),
                task.taskEn(),
                text(task.acknowledgeWithin()),
                text(task.arriveWithin()),
                text(task.completeWithin()));
    }

    private static @Nullable String text(@Nullable Duration duration) {
        return duration == null ? null : duration.toString();
    }
}
