package io.liandong.shared;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** This node's {@link NodeIdentity}, resolved once; static because the outbox's setup needs it early. */
@Configuration(proxyBeanMethods = false)
public class NodeConfiguration {

    @Bean
    static NodeIdentity nodeIdentity(Environment environment) {
        return NodeIdentity.of(environment);
    }
}
