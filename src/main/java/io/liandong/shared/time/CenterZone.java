package io.liandong.shared.time;

import java.time.ZoneId;

/** The zone in which the center shows times (Asia/Shanghai by default); storage is always UTC. */
public record CenterZone(ZoneId zone) {}
