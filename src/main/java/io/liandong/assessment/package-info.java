/**
 * Assessment (统计与绩效考核): counts of reports, incidents, diversions and linkage
 * activations, and each agency's task record and response times, drills excluded.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Assessment")
package io.liandong.assessment;
