package io.liandong.intake;

import java.util.Map;

/** Report counts for a period, drills excluded. */
public record IntakeStatistics(long reports, long diverted, long merged, Map<String, Long> byChannel) {}
