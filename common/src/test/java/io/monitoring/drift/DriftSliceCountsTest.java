package io.monitoring.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.monitoring.spark.BoundedPartials;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.util.ArrayBasedMapData;
import org.apache.spark.sql.catalyst.util.GenericArrayData;
import org.apache.spark.unsafe.types.UTF8String;
import org.junit.jupiter.api.Test;

/** Counts per (model, side, key, value) and per model and side; with one count held at a time the partials still add up. */
class DriftSliceCountsTest {
    /** {@code tags}: key, value pairs (a null value is kept as a null entry); null for a row without tags. */
    private static InternalRow row(String model, String side, String... tags) {
        Object map = null;
        if (tags != null) {
            Object[] keys = new Object[tags.length / 2];
            Object[] values = new Object[keys.length];
            for (int i = 0; i < keys.length; i++) {
                keys[i] = UTF8String.fromString(tags[2 * i]);
                values[i] = tags[2 * i + 1] == null ? null : UTF8String.fromString(tags[2 * i + 1]);
            }
            map = new ArrayBasedMapData(new GenericArrayData(keys), new GenericArrayData(values));
        }
        return new GenericInternalRow(new Object[] {UTF8String.fromString(model), UTF8String.fromString(side), map});
    }

    private static Map<String, Long> counts(List<InternalRow> rows, int maxCounts) {
        Iterator<InternalRow> out = DriftSliceCounts.count(rows.iterator(), List.of("region", "platform"), maxCounts);
        Map<String, Long> total = new TreeMap<>();
        while (out.hasNext()) {
            InternalRow r = out.next();
            String key = String.join("|", r.getUTF8String(0).toString(), r.getUTF8String(1).toString(),
                    r.isNullAt(2) ? "-" : r.getUTF8String(2).toString(), r.isNullAt(3) ? "-" : r.getUTF8String(3).toString());
            total.merge(key, r.getLong(4), Long::sum);
        }
        return total;
    }

    @Test
    void countsEachModelSideKeyAndValueAndTheWholeModelAtAnyBound() {
        List<InternalRow> rows = List.of(
                row("m", "current", "region", "eu", "platform", "ios"),
                row("m", "current", "region", "eu"),
                row("m", "previous", "other", "x", "region", "us"),
                // the first entry of a repeated key, as element_at reads it; a null value is not a value
                row("m", "current", "region", "us", "region", "eu", "platform", null),
                row("n", "current", (String[]) null));
        Map<String, Long> expected = new TreeMap<>(Map.of(
                "m|current|-|-", 3L,
                "m|current|region|eu", 2L,
                "m|current|region|us", 1L,
                "m|current|platform|ios", 1L,
                "m|previous|-|-", 1L,
                "m|previous|region|us", 1L,
                "n|current|-|-", 1L));
        assertEquals(expected, counts(rows, BoundedPartials.MAX_COUNTS_PER_TASK));
        assertEquals(expected, counts(rows, 1));
    }
}
