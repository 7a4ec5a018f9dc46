#!/usr/bin/env python3
"""Summarises where a JFR recording's CPU samples fall: bench/jfr-summary.py FILE.jfr [THREAD_PREFIX]

Reads `jfr print --json --events jdk.ExecutionSample` and prints the share of samples
  - by the method on top of the stack (self time),
  - by area (the first frame from the top that belongs to a known library or to Liandong),
  - by Liandong method anywhere on the stack (inclusive time), the intake path's steps.
Only samples of threads whose name starts with THREAD_PREFIX count (default: all).
"""
import collections
import json
import subprocess
import sys

AREAS = [
    ("org.h2.", "H2 database"),
    ("org.postgresql.", "PostgreSQL driver"),
    ("com.zaxxer.hikari.", "connection pool"),
    ("tools.jackson.", "JSON (Jackson)"),
    ("com.fasterxml.jackson.", "JSON (Jackson)"),
    ("ch.qos.logback.", "logging"),
    ("org.slf4j.", "logging"),
    ("org.springframework.security.", "Spring Security"),
    ("org.springframework.jdbc.", "Spring JDBC"),
    ("org.springframework.transaction.", "Spring transactions"),
    ("org.springframework.web.", "Spring MVC"),
    ("org.springframework.", "Spring (other)"),
    ("org.hibernate.validator.", "bean validation"),
    ("io.micrometer.", "metrics"),
    ("org.apache.catalina.", "Tomcat"),
    ("org.apache.coyote.", "Tomcat"),
    ("org.apache.tomcat.", "Tomcat"),
    ("io.liandong.", "Liandong"),
]


def area(frames):
    for f in frames:
        for prefix, name in AREAS:
            if f.startswith(prefix):
                return name
    top = frames[0] if frames else "?"
    return "JDK: " + ".".join(top.split(".")[:3]) if top.startswith(("java.", "jdk.", "sun.")) else "other"


def main():
    path = sys.argv[1]
    prefix = sys.argv[2] if len(sys.argv) > 2 else ""
    out = subprocess.run(
        ["jfr", "print", "--json", "--stack-depth", "96", "--events", "jdk.ExecutionSample", path],
        check=True, capture_output=True, text=True).stdout
    events = json.loads(out)["recording"]["events"]
    self_time = collections.Counter()
    areas = collections.Counter()
    inclusive = collections.Counter()
    total = 0
    for e in events:
        v = e["values"]
        thread = (v.get("sampledThread") or {}).get("javaName") or ""
        if not thread.startswith(prefix):
            continue
        frames = [fr["method"]["type"]["name"].replace("/", ".") + "." + fr["method"]["name"]
                  for fr in (v.get("stackTrace") or {}).get("frames", [])]
        if not frames:
            continue
        total += 1
        self_time[frames[0]] += 1
        areas[area(frames)] += 1
        for m in set(f for f in frames if f.startswith("io.liandong.") and "$$" not in f):
            inclusive[m] += 1
    print(f"{total} CPU samples" + (f" of threads {prefix}*" if prefix else ""))
    load = json.loads(subprocess.run(["jfr", "print", "--json", "--events", "jdk.CPULoad", path],
                                     check=True, capture_output=True, text=True).stdout)["recording"]["events"]
    if load:
        jvm = sum(e["values"]["jvmUser"] + e["values"]["jvmSystem"] for e in load) / len(load)
        machine = sum(e["values"]["machineTotal"] for e in load) / len(load)
        print(f"CPU while recording: this JVM {100 * jvm:.0f}% of the machine, the machine {100 * machine:.0f}% busy"
              f" ({len(load)} readings)")
    for title, counter, n in (("by area (first known frame from the top)", areas, 20),
                              ("by method on top of the stack", self_time, 25),
                              ("Liandong methods anywhere on the stack", inclusive, 30)):
        print(f"\n{title}:")
        for name, count in counter.most_common(n):
            print(f"  {100.0 * count / max(total, 1):5.1f}%  {name}")


if __name__ == "__main__":
    main()
