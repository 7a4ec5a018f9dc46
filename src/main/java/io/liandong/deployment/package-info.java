/**
 * The reference deployment: the Chaoyang center's agencies, zones, seats, categories and plans,
 * kept as YAML under {@code src/main/resources/deployment/}, loaded into an empty database on first
 * start, and imported from or exported to a folder from the command line. It checks every
 * reference between those files before it writes anything.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Reference deployment")
@org.jspecify.annotations.NullMarked
package io.liandong.deployment;
