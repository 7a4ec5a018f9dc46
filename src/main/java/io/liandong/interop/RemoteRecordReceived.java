package io.liandong.interop;

import io.liandong.record.RecordEntry;

/**
 * Published on this node, outside any transaction, once for every record entry that another
 * node of the center wrote and that reached this node through Kafka. Entries this node wrote
 * itself never arrive this way (they are {@link io.liandong.record.RecordAppended} here), and an
 * entry delivered twice by the broker is published only once.
 *
 * @param entry the entry as the writing node stored it
 * @param originNode the {@code liandong.node-id} of the node that wrote it
 */
public record RemoteRecordReceived(RecordEntry entry, String originNode) {}
