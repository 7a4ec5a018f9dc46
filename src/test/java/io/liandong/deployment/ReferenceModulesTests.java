package io.liandong.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.liandong.LiandongApplication;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;

/**
 * The reference data modules keep to their dependencies: catalog and agency use only the shared
 * kernel, plan adds their public types, the deployment loader uses all three; none reaches into
 * another's internals.
 */
class ReferenceModulesTests {

    private static final ApplicationModules MODULES = ApplicationModules.of(LiandongApplication.class);

    @ParameterizedTest(name = "{0} depends on {1} at most")
    @CsvSource(
            delimiter = '|',
            value = {
                "catalog    | shared",
                "agency     | shared",
                "plan       | shared catalog agency",
                "deployment | shared catalog agency plan"
            })
    void dependsOnlyOnWhatItMay(String name, String allowed) {
        ApplicationModule module = MODULES.getModuleByName(name).orElseThrow();

        Set<String> dependencies = module.getDirectDependencies(MODULES)
                .uniqueModules()
                .map(dependency -> dependency.getIdentifier().toString())
                .collect(Collectors.toSet());

        assertThat(dependencies).contains("shared");
        assertThat(Set.copyOf(Arrays.asList(allowed.split(" ")))).containsAll(dependencies);
        assertThat(module.detectDependencies(MODULES).hasViolations())
                .as(module.detectDependencies(MODULES).getMessage())
                .isFalse();
    }
}
