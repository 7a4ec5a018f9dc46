/**
 * Plans (应急预案): for a category and a severity, which agencies do what, by when, and who is
 * told. Read it through {@link io.liandong.plan.PlanService}; the tables are cached in memory and
 * reloaded after every change. Uses the catalog and agency modules' public types to check plans.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Plan")
@org.jspecify.annotations.NullMarked
package io.liandong.plan;
