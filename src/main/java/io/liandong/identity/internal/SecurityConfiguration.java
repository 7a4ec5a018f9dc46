package io.liandong.identity.internal;

import static io.liandong.shared.security.Role.ADMIN;
import static io.liandong.shared.security.Role.AGENCY_CLERK;
import static io.liandong.shared.security.Role.AGENCY_REP;
import static io.liandong.shared.security.Role.ANALYST;
import static io.liandong.shared.security.Role.CALL_TAKER;
import static io.liandong.shared.security.Role.COMMANDER;
import static io.liandong.shared.security.Role.LEADER;

import io.liandong.shared.security.Role;
import jakarta.servlet.DispatcherType;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationEventPublisher;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.logout.HttpStatusReturningLogoutSuccessHandler;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.savedrequest.NullRequestCache;

/**
 * Two filter chains with one role matrix (docs/security.md):
 *
 * <ul>
 *   <li>machine clients — any request with an {@code Authorization} header: HTTP Basic or a Bearer
 *       API token, checked on every request, no session, no CSRF token;
 *   <li>people — everything else: form login for the single-page console, a session cookie, and
 *       CSRF protection with the token in the {@code XSRF-TOKEN} cookie and {@code X-XSRF-TOKEN}
 *       header.
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(IdentityProperties.class)
class SecurityConfiguration {

    private static final Role[] HALL = {CALL_TAKER, COMMANDER, LEADER, ANALYST, ADMIN};
    private static final Role[] HALL_AND_AGENCIES = {
        CALL_TAKER, COMMANDER, LEADER, ANALYST, ADMIN, AGENCY_REP, AGENCY_CLERK
    };
    private static final String[] REFERENCE_DATA = {
        "/api/agencies", "/api/agencies/**",
        "/api/zones", "/api/zones/**",
        "/api/seats", "/api/seats/**",
        "/api/categories", "/api/categories/**",
        "/api/plans", "/api/plans/**"
    };
    private static final String[] TASK_STEPS = {
        "/api/tasks/*/acknowledge",
        "/api/tasks/*/arrive",
        "/api/tasks/*/report-back",
        "/api/tasks/*/complete",
        "/api/tasks/*/return"
    };
    private static final String[] TASK_PHOTOS = {"/api/tasks/*/attachments", "/api/tasks/*/attachments/*"};
    private static final String[] CONSOLE = {"/", "/index.html", "/favicon.ico", "/assets/**", "/geo/**", "/locales/**"
    };

    /**
     * A URL the firewall refuses ({@code /api/%2e%2e/x}, {@code ;}, {@code //}) gets a problem with the
     * firewall's reason instead of the servlet container's error page.
     */
    @Bean
    RequestRejectedHandler rejectedRequests(ProblemResponses problems) {
        return (request, response, rejected) -> problems.rejected(request, response, rejected);
    }

    @Bean
    @Order(1)
    SecurityFilterChain machineClients(
            HttpSecurity http,
            Dependencies deps,
            ApiTokens tokens,
            @Value("${liandong.map.tile-origin:}") String tileOrigin)
            throws Exception {
        http.securityMatcher(request -> request.getHeader(HttpHeaders.AUTHORIZATION) != null)
                .authenticationManager(deps.passwordLogins())
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .securityContext(
                        context -> context.securityContextRepository(new RequestAttributeSecurityContextRepository()))
                .requestCache(cache -> cache.requestCache(new NullRequestCache()))
                .httpBasic(basic -> basic.authenticationEntryPoint(deps.problems()))
                .addFilterBefore(new CrossSiteGuard(deps.problems()), BasicAuthenticationFilter.class)
                .addFilterBefore(
                        LoginThrottleFilter.forCredentials(deps.throttle(), deps.problems()),
                        BasicAuthenticationFilter.class)
                .addFilterBefore(new ApiTokenFilter(tokens, deps.problems()), BasicAuthenticationFilter.class)
                .exceptionHandling(errors ->
                        errors.authenticationEntryPoint(deps.problems()).accessDeniedHandler(deps.problems()))
                .headers(headers(tileOrigin))
                .authorizeHttpRequests(access -> matrix(access, deps.properties()));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain people(
            HttpSecurity http,
            Dependencies deps,
            LoginResponses login,
            @Value("${liandong.map.tile-origin:}") String tileOrigin)
            throws Exception {
        http.authenticationManager(deps.passwordLogins())
                .csrf(csrf -> csrf.spa().csrfTokenRepository(csrfCookie()))
                .formLogin(form -> form.loginPage("/login")
                        .loginProcessingUrl("/login")
                        .successHandler(login)
                        .failureHandler(login))
                .logout(logout -> logout.logoutUrl("/logout")
                        .addLogoutHandler(login)
                        .logoutSuccessHandler(new HttpStatusReturningLogoutSuccessHandler(HttpStatus.NO_CONTENT)))
                .requestCache(cache -> cache.requestCache(new NullRequestCache()))
                .addFilterBefore(
                        LoginThrottleFilter.forFormLogin(deps.throttle(), deps.problems()),
                        UsernamePasswordAuthenticationFilter.class)
                .addFilterBefore(
                        new SessionFreshnessFilter(deps.accounts(), deps.clock()), AnonymousAuthenticationFilter.class)
                .exceptionHandling(errors ->
                        errors.authenticationEntryPoint(deps.problems()).accessDeniedHandler(deps.problems()))
                .headers(headers(tileOrigin))
                .authorizeHttpRequests(access -> matrix(access, deps.properties()));
        return http.build();
    }

    /** What both chains need; one bean so the chain methods stay short. */
    @Bean
    Dependencies identityChainDependencies(
            AccountDetailsService users,
            AccountRepository accounts,
            PasswordEncoder encoder,
            AuthenticationEventPublisher events,
            ProblemResponses problems,
            LoginThrottle throttle,
            IdentityProperties properties,
            Clock clock) {
        DaoAuthenticationProvider provider = new DaoAuthenticationProvider(users);
        provider.setPasswordEncoder(encoder);
        ProviderManager manager =
                new ProviderManager(new RecentPasswordChecks(provider, accounts, clock, Duration.ofMinutes(5)));
        manager.setAuthenticationEventPublisher(events);
        return new Dependencies(manager, accounts, problems, throttle, properties, clock);
    }

    record Dependencies(
            AuthenticationManager passwordLogins,
            AccountRepository accounts,
            ProblemResponses problems,
            LoginThrottle throttle,
            IdentityProperties properties,
            Clock clock) {}

    /** {@code XSRF-TOKEN}, readable by the console's script, sent to this site only (like the session cookie). */
    private static CookieCsrfTokenRepository csrfCookie() {
        CookieCsrfTokenRepository cookie = CookieCsrfTokenRepository.withHttpOnlyFalse();
        cookie.setCookieCustomizer(builder -> builder.sameSite("Strict"));
        return cookie;
    }

    private static Customizer<HeadersConfigurer<HttpSecurity>> headers(String tileOrigin) {
        String policy = ContentSecurityPolicy.withTileOrigin(tileOrigin);
        return headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(policy))
                .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER))
                .frameOptions(frames -> frames.deny())
                .httpStrictTransportSecurity(
                        hsts -> hsts.includeSubDomains(true).maxAgeInSeconds(31_536_000));
    }

    /** The role matrix of docs/api.md; the first matching rule wins, anything unlisted under /api is ADMIN only. */
    static void matrix(
            AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry access,
            IdentityProperties properties) {
        access.dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.FORWARD)
                .permitAll()
                .requestMatchers(HttpMethod.GET, CONSOLE)
                .permitAll()
                .requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**")
                .permitAll()
                .requestMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/**")
                .permitAll()
                .requestMatchers("/actuator", "/actuator/**")
                .hasRole(ADMIN.name())
                .requestMatchers("/login", "/logout", "/api/public/**")
                .permitAll()
                .requestMatchers("/api/me", "/api/stream/**")
                .authenticated()
                // intake
                .requestMatchers(HttpMethod.POST, "/api/reports", "/api/reports/**")
                .hasAnyRole(names(CALL_TAKER, COMMANDER, ADMIN))
                .requestMatchers(HttpMethod.GET, "/api/reports", "/api/reports/**")
                .hasAnyRole(names(CALL_TAKER, COMMANDER, LEADER, ADMIN))
                // incidents: agency users may open one incident and its record, the module scopes them
                .requestMatchers(HttpMethod.GET, "/api/incidents/nearby", "/api/incidents/counts")
                .hasAnyRole(names(HALL))
                .requestMatchers(HttpMethod.GET, "/api/incidents/*", "/api/incidents/*/record")
                .hasAnyRole(names(HALL_AND_AGENCIES))
                .requestMatchers(HttpMethod.GET, "/api/incidents", "/api/incidents/**")
                .hasAnyRole(names(HALL))
                .requestMatchers(HttpMethod.POST, "/api/incidents/*/orders/**")
                .hasAnyRole(names(COMMANDER, LEADER, ADMIN))
                // tasks: everyone reads (the dispatch module scopes agency users); the agency does the steps
                // photos may show people: the roles that see personal data and the task's agency read them
                .requestMatchers(HttpMethod.GET, TASK_PHOTOS)
                .hasAnyRole(names(CALL_TAKER, COMMANDER, LEADER, ADMIN, AGENCY_REP, AGENCY_CLERK))
                .requestMatchers(HttpMethod.POST, "/api/tasks/*/attachments")
                .hasAnyRole(names(AGENCY_REP, AGENCY_CLERK, ADMIN))
                .requestMatchers(HttpMethod.GET, "/api/tasks", "/api/tasks/**")
                .hasAnyRole(names(HALL_AND_AGENCIES))
                .requestMatchers(HttpMethod.POST, TASK_STEPS)
                .hasAnyRole(names(AGENCY_REP, AGENCY_CLERK, ADMIN))
                .requestMatchers(HttpMethod.GET, "/api/stats", "/api/stats/**")
                .hasAnyRole(names(ANALYST, LEADER, COMMANDER, ADMIN))
                // notifications: the notify module confines agency users to their own agency's;
                // marking one read changes the recipient's unread list: not for the read-only analyst
                .requestMatchers(HttpMethod.POST, "/api/notifications/*/read")
                .hasAnyRole(names(CALL_TAKER, COMMANDER, LEADER, ADMIN, AGENCY_REP, AGENCY_CLERK))
                .requestMatchers("/api/notifications", "/api/notifications/**")
                .hasAnyRole(names(HALL_AND_AGENCIES))
                .requestMatchers(HttpMethod.GET, REFERENCE_DATA)
                .authenticated()
                .requestMatchers("/api/users", "/api/users/**", "/api/audit", "/api/audit/**")
                .hasRole(ADMIN.name())
                .requestMatchers("/api", "/api/**")
                .hasRole(ADMIN.name());
        if (!properties.publicGetPaths().isEmpty()) {
            access.requestMatchers(HttpMethod.GET, properties.publicGetPaths().toArray(String[]::new))
                    .permitAll();
        }
        access.anyRequest().authenticated();
    }

    private static String[] names(Role... roles) {
        return Arrays.stream(roles).map(Role::name).toArray(String[]::new);
    }
}
