/**
 * Catalog: the tree of incident categories (GB/T 35561 style top level plus the local non-police
 * service types), what each defaults to (priority, severity, owner agency, police or diverted),
 * and the classifier that suggests a category for a caller's words. Read it through
 * {@link io.liandong.catalog.CatalogService}; the table is cached in memory and reloaded after
 * every change.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Catalog")
@org.jspecify.annotations.NullMarked
package io.liandong.catalog;
