/**
 * Incidents (案事件): one real-world event that one or more reports describe, under one duty
 * commander. Opening, merging, plan activation, the commander's orders and closure live here;
 * diverted non-police reports become service cases handled the same way.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Incident")
package io.liandong.incident;
