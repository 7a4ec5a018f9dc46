package io.liandong;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/** The capability modules stay apart: Spring Modulith verifies them, ArchUnit guards the domain types. */
class ModularityTests {

    private static final ApplicationModules MODULES = ApplicationModules.of(LiandongApplication.class);

    @Test
    void modulesOnlyUseEachOthersPublicFaceAndHaveNoCycles() {
        MODULES.verify();
    }

    @Test
    void taskAndIncidentStateTypesStayFreeOfSpring() {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.liandong");
        noClasses()
                .that()
                .haveSimpleName("TaskStatus")
                .or()
                .haveSimpleName("TaskStep")
                .or()
                .haveSimpleName("Task")
                .or()
                .haveSimpleName("Incident")
                .or()
                .haveSimpleName("Priority")
                .or()
                .haveSimpleName("Severity")
                .or()
                .haveSimpleName("GeoPoint")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.springframework..")
                .check(classes);
    }
}
