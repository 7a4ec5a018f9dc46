package io.liandong.deployment;

import io.liandong.agency.Agency;
import io.liandong.agency.AgencyService;
import io.liandong.catalog.CatalogService;
import io.liandong.deployment.internal.Deployment;
import io.liandong.deployment.internal.DeploymentCheck;
import io.liandong.deployment.internal.DeploymentReader;
import io.liandong.deployment.internal.DeploymentSource;
import io.liandong.deployment.internal.DeploymentWriter;
import io.liandong.plan.PlanService;
import io.liandong.shared.ImportCount;
import io.liandong.shared.security.Actor;
import io.liandong.shared.web.Problem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Loads the reference deployment (the Chaoyang center, packaged under {@code deployment/}) into
 * an empty database when the application starts, before the web server takes requests; and
 * imports or exports a deployment folder for the command line.
 *
 * <p>An import creates the entries the files add and updates those they change; stored rows the
 * files do not mention stay as they are. The files are checked first, as they would be once
 * imported, and nothing is written unless every reference resolves. Everything is written in one
 * transaction.
 */
@Component
public class ReferenceDeployment implements SmartInitializingSingleton {

    /** Where the packaged deployment lives on the classpath. */
    public static final String BUNDLED = "deployment";

    private static final Logger log = LoggerFactory.getLogger(ReferenceDeployment.class);

    private final AgencyService agencies;
    private final CatalogService catalog;
    private final PlanService plans;
    private final TransactionTemplate transaction;
    private final boolean loadOnFirstStart;
    private final DeploymentReader reader = new DeploymentReader();
    private final DeploymentWriter writer = new DeploymentWriter();

    ReferenceDeployment(
            AgencyService agencies,
            CatalogService catalog,
            PlanService plans,
            TransactionTemplate transaction,
            @Value("${liandong.reference.load-on-first-start:true}") boolean loadOnFirstStart) {
        this.agencies = agencies;
        this.catalog = catalog;
        this.plans = plans;
        this.transaction = transaction;
        this.loadOnFirstStart = loadOnFirstStart;
    }

    /** On first start (no agency stored yet) loads the packaged deployment, if configured to. */
    @Override
    public void afterSingletonsInstantiated() {
        if (!loadOnFirstStart || !agencies.all().isEmpty()) {
            return;
        }
        try {
            List<ImportCount> loaded = load(DeploymentSource.classpath(BUNDLED), true, Actor.SYSTEM);
            log.info("First start: loaded the reference deployment: {}.", loaded);
        } catch (DuplicateKeyException e) {
            log.info("First start: another node loaded the reference deployment at the same time; using its data.");
        }
    }

    /**
     * Imports the deployment files found in the folder (any of the five), as the system user;
     * answers, for the kind of each file found, how many entries were created, changed and left
     * unchanged.
     */
    public List<ImportCount> importFrom(Path folder) {
        return importFrom(folder, Actor.SYSTEM);
    }

    /** Imports the deployment files found in the folder (any of the five), recorded as the given actor's. */
    public List<ImportCount> importFrom(Path folder, Actor actor) {
        List<ImportCount> imported = load(DeploymentSource.folder(folder), false, actor);
        log.info("Imported the deployment in {}: {}.", folder.toAbsolutePath(), imported);
        return imported;
    }

    /** Imports the packaged reference deployment again, over whatever is stored. */
    public List<ImportCount> importBundled(Actor actor) {
        return load(DeploymentSource.classpath(BUNDLED), true, actor);
    }

    /** Writes the stored reference data to the folder as the five deployment files. */
    public DeploymentSummary exportTo(Path folder) {
        Deployment stored = stored();
        writer.write(stored, folder);
        log.info("Exported the deployment to {}: {}.", folder.toAbsolutePath(), stored.summary());
        return stored.summary();
    }

    /**
     * Reads and checks a deployment without writing anything: the problems it would be refused
     * for, each naming the file, the entry and the bad value; empty when it may be imported.
     */
    public List<String> check(Path folder) {
        try {
            return check(reader.read(DeploymentSource.folder(folder), false));
        } catch (InvalidDeploymentException e) {
            return e.problems();
        }
    }

    private List<ImportCount> load(DeploymentSource source, boolean allFiles, Actor actor) {
        Deployment files = reader.read(source, allFiles);
        List<String> problems = check(files);
        if (!problems.isEmpty()) {
            throw new InvalidDeploymentException(source.name(), problems);
        }

        List<ImportCount> counts = new ArrayList<>();
        try {
            transaction.executeWithoutResult(status -> write(files, actor, counts));
        } catch (Problem refused) {
            // refused once the rows were held (an agency given a task or a user meanwhile): nothing
            // was written, and it is the files' problem, not the database's
            throw new InvalidDeploymentException(source.name(), List.of(refused.getMessage()));
        }
        // Only the kinds the files hold: the agencies' import counts zones and seats too.
        return counts.stream()
                .filter(count -> files.files().contains(count.kind() + ".yaml"))
                .toList();
    }

    private void write(Deployment files, Actor actor, List<ImportCount> counts) {
        if (!files.zones().isEmpty()
                || !files.agencies().isEmpty()
                || !files.seats().isEmpty()) {
            counts.addAll(agencies.importAll(files.zones(), files.agencies(), files.seats(), actor));
        }
        if (!files.categories().isEmpty()) {
            counts.add(catalog.importAll(files.categories(), actor));
        }
        if (!files.plans().isEmpty()) {
            counts.add(plans.importAll(files.plans(), actor));
        }
    }

    private List<String> check(Deployment files) {
        List<String> problems = new ArrayList<>(
                new DeploymentCheck(stored(), code -> agencies.district(code).isPresent()).check(files));
        // What the files cannot show: an agency they deactivate that still has open tasks or users.
        for (Agency agency : files.agencies()) {
            boolean activeNow = agencies.find(agency.code()).map(Agency::active).orElse(false);
            if (!agency.active() && activeNow) {
                List<String> blockers = agencies.deactivationBlockers(agency.code());
                if (!blockers.isEmpty()) {
                    problems.add("agencies.yaml: agency " + agency.code() + " cannot be deactivated: "
                            + String.join("; ", blockers) + ": change those first");
                }
            }
        }
        return problems;
    }

    private Deployment stored() {
        return new Deployment(agencies.zones(), agencies.all(), agencies.seats(), catalog.all(), plans.all(), Set.of());
    }
}
