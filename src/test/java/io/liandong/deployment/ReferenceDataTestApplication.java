package io.liandong.deployment;

import io.liandong.shared.security.Actor;
import io.liandong.shared.security.CurrentActor;
import io.liandong.shared.security.Role;
import java.util.Set;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Starts only the reference data modules and the shared kernel, so their tests do not depend on
 * the other modules' work. The primary configuration of those tests (so Spring Boot does not add
 * the application class); a {@code @TestComponent}, so the application's own component scan in
 * other modules' tests leaves it out.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@TestComponent
@EnableAutoConfiguration
@ComponentScan(
        basePackages = {
            "io.liandong.shared",
            "io.liandong.catalog",
            "io.liandong.agency",
            "io.liandong.plan",
            "io.liandong.deployment"
        },
        excludeFilters = @ComponentScan.Filter(type = FilterType.CUSTOM, classes = TypeExcludeFilter.class))
public class ReferenceDataTestApplication {

    /** The identity module's actor, as far as these tests need it: the logged-in user's name. */
    @Bean
    CurrentActor currentActor() {
        return () -> {
            Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
            return authentication == null
                    ? Actor.SYSTEM
                    : new Actor(authentication.getName(), Set.of(Role.ADMIN), null, null);
        };
    }
}
