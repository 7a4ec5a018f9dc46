package io.liandong.identity.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.web.http.CookieSerializer;

/**
 * Only a session cookie that looks like a session id (a UUID, as Spring Session makes them) is
 * looked up in {@code console_session}: any other value counts as no session (401), instead of
 * reaching the database, where PostgreSQL refuses, say, a NUL byte with an error on every request.
 * Wraps the cookie serializer Spring Boot configures from {@code server.servlet.session.cookie.*}.
 */
@Configuration(proxyBeanMethods = false)
class SessionIdCookies {

    static final Pattern SESSION_ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    @Bean
    static BeanPostProcessor onlyWellFormedSessionIds() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (bean instanceof CookieSerializer cookies && !(bean instanceof WellFormed)) {
                    return new WellFormed(cookies);
                }
                return bean;
            }
        };
    }

    /** Reads only well-formed session ids; writes as the wrapped serializer does. */
    static final class WellFormed implements CookieSerializer {

        private final CookieSerializer cookies;

        WellFormed(CookieSerializer cookies) {
            this.cookies = cookies;
        }

        @Override
        public void writeCookieValue(CookieValue value) {
            cookies.writeCookieValue(value);
        }

        @Override
        public List<String> readCookieValues(HttpServletRequest request) {
            return cookies.readCookieValues(request).stream()
                    .filter(value -> SESSION_ID.matcher(value).matches())
                    .toList();
        }
    }
}
