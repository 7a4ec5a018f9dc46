package io.liandong.console.internal;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.PropertySource;

/**
 * Binds the console's settings. {@code console-defaults.properties} lists the console's routes as
 * public GET paths (the page itself is public; every API call behind it still needs a login), so
 * a bookmark or a reload of {@code /board} shows the login screen instead of a 401. It is the
 * lowest-precedence source: {@code application.yml} or the command line may replace it.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({StreamProperties.class, MapProperties.class})
@PropertySource("classpath:io/liandong/console/console-defaults.properties")
class ConsoleConfiguration {}
