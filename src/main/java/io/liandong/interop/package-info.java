/**
 * Interop: the bridge between this node and the other nodes of the center (and any outside
 * system that subscribes). With {@code liandong.kafka.enabled=true} the record entries of each
 * transaction leave through Spring Modulith's JDBC event publication registry, one publication per
 * transaction, and are sent to the Kafka topic {@code liandong.record}, one message per entry;
 * every node consumes that topic, skips its own entries, drops
 * duplicates and publishes {@link io.liandong.interop.RemoteRecordReceived} locally so that its
 * consoles show what happened on the other nodes. A message that cannot be handled goes to
 * {@code liandong.record.DLT} and to the {@code dead_letter} table, listed for administrators at
 * {@code GET /api/interop/dead-letters}. See {@code docs/events.md}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Interop")
package io.liandong.interop;
