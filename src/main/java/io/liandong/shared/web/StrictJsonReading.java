package io.liandong.shared.web;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.StreamReadFeature;

/**
 * A JSON object that names a field twice is refused instead of the last value silently winning:
 * what a client meant is not clear, and a retry with the keys in another order must not change
 * what is stored.
 */
@Configuration(proxyBeanMethods = false)
class StrictJsonReading {

    @Bean
    JsonMapperBuilderCustomizer refuseDuplicateKeys() {
        return builder -> builder.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
    }
}
