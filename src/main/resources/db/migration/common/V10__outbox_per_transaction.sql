-- interop: the outbox holds one publication per transaction (io.liandong.record.RecordCommitted,
-- all the entries it appended, sent by the listener liandong.record.kafka) instead of one per record
-- entry (io.liandong.record.RecordAppended, sent by Spring Modulith's Kafka externalizer, which is
-- no longer registered). Publications of the earlier kind that were still unsent become
-- publications of the new kind holding their one entry, so that they are sent rather than stranded:
-- {"entry":{...}} becomes {"entries":[{...}]}. Run once, when the first node of this version starts.
UPDATE event_publication
   SET listener_id = 'liandong.record.kafka',
       event_type = 'io.liandong.record.RecordCommitted',
       serialized_event = '{"entries":['
           || SUBSTRING(serialized_event FROM 10 FOR CHAR_LENGTH(serialized_event) - 10)
           || ']}'
 WHERE event_type = 'io.liandong.record.RecordAppended'
   AND serialized_event LIKE '{"entry":{%}'
   AND completion_date IS NULL;
