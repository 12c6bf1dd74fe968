package io.monitoring.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.monitoring.spark.BoundedPartials;
import io.monitoring.spark.WindowStarts;
import io.monitoring.testing.SharedSpark;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
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

/** Counts per (granularity, window, model, key, value); with one count held at a time the partials still add up. */
class SliceValueCountsTest {
    private static InternalRow row(String model, String time, String... tags) {
        Object[] keys = new Object[tags.length / 2];
        Object[] values = new Object[keys.length];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = UTF8String.fromString(tags[2 * i]);
            values[i] = UTF8String.fromString(tags[2 * i + 1]);
        }
        return new GenericInternalRow(new Object[] {UTF8String.fromString(model),
            ChronoUnit.MICROS.between(Instant.EPOCH, Instant.parse(time)),
            new ArrayBasedMapData(new GenericArrayData(keys), new GenericArrayData(values))});
    }

    private static Map<String, Long> counts(List<InternalRow> rows, int maxValues) {
        Iterator<InternalRow> out = SliceValueCounts.count(rows.iterator(), List.of("hour", "day"), List.of("region", "platform"),
                WindowStarts.of(SharedSpark.get()), maxValues);
        Map<String, Long> total = new TreeMap<>();
        while (out.hasNext()) {
            InternalRow r = out.next();
            String key = String.join("|", r.getUTF8String(0).toString(),
                    Instant.EPOCH.plus(r.getLong(1), ChronoUnit.MICROS).toString(), r.getUTF8String(2).toString(),
                    r.getUTF8String(3).toString(), r.getUTF8String(4).toString());
            total.merge(key, r.getLong(5), Long::sum);
        }
        return total;
    }

    @Test
    void countsPerWindowModelKeyAndValueAtAnyBound() {
        List<InternalRow> rows = new ArrayList<>(List.of(
                row("m", "2024-05-01T10:15:00Z", "region", "eu", "platform", "ios"),
                row("m", "2024-05-01T10:45:00Z", "region", "eu"),
                row("m", "2024-05-01T11:05:00Z", "region", "us", "other", "x"),
                row("n", "2024-05-01T10:00:00Z", "platform", "web")));
        Map<String, Long> expected = new TreeMap<>(Map.of(
                "hour|2024-05-01T10:00:00Z|m|region|eu", 2L,
                "hour|2024-05-01T10:00:00Z|m|platform|ios", 1L,
                "hour|2024-05-01T11:00:00Z|m|region|us", 1L,
                "hour|2024-05-01T10:00:00Z|n|platform|web", 1L,
                "day|2024-05-01T00:00:00Z|m|region|eu", 2L,
                "day|2024-05-01T00:00:00Z|m|platform|ios", 1L,
                "day|2024-05-01T00:00:00Z|m|region|us", 1L,
                "day|2024-05-01T00:00:00Z|n|platform|web", 1L));
        assertEquals(expected, counts(rows, BoundedPartials.MAX_COUNTS_PER_TASK));
        assertEquals(expected, counts(rows, 1));
    }
}
