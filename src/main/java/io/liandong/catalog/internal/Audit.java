package io.liandong.catalog.internal;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Words for the audit trail: what changed between two versions of a record. */
final class Audit {

    private static final int MAX_DETAIL = 4000;

    private Audit() {}

    /** {@code nameZh: 'a' -> 'b'; active: true -> false}, or {@code no change}. */
    static String changes(Record before, Record after) {
        List<String> changes = new ArrayList<>();
        for (RecordComponent component : before.getClass().getRecordComponents()) {
            Object was = value(component, before);
            Object now = value(component, after);
            if (!Objects.equals(was, now)) {
                changes.add(component.getName() + ": " + quote(was) + " -> " + quote(now));
            }
        }
        return changes.isEmpty() ? "no change" : String.join("; ", changes);
    }

    static String shorten(String detail) {
        return detail.length() <= MAX_DETAIL ? detail : detail.substring(0, MAX_DETAIL - 1) + "…";
    }

    private static Object value(RecordComponent component, Record record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + component.getName() + " of " + record, e);
        }
    }

    private static String quote(Object value) {
        return value instanceof String ? "'" + value + "'" : String.valueOf(value);
    }
}
