/**
 * Geography: which of the city's districts (区县) holds a point, from the shipped boundaries,
 * so a report with coordinates but no district code still reaches the right jurisdiction.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Geography")
package io.liandong.geography;
