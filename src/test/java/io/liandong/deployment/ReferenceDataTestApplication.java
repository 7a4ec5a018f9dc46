package io.liandong.deployment;

import io.liandong.shared.security.Actor;
import io.liandong.shared.security.CurrentActor;
import io.liandong.shared.security.Role;
import java.util.Set;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Starts only the reference data modules (and the shared kernel) on an in-memory H2 database, so
 * their tests do not depend on the other modules' work. A {@code @TestConfiguration}, so the
 * application's own component scan in other tests leaves it out.
 */
@TestConfiguration(proxyBeanMethods = false)
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
