package io.monitoring.quality;

import static io.monitoring.model.Columns.*;

import io.monitoring.spark.BoundedPartials;
import io.monitoring.spark.TagValues;
import io.monitoring.spark.Utf8Copies;
import io.monitoring.spark.WindowStarts;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * One partition's rows counted per (granularity, window start, model, segment key, segment value),
 * in one loop over Spark's internal rows of (model_id, event_time, tags): the counts the segment
 * values of each window are ranked by ({@link QualityRows#sliceCaps}). A row whose tags lack a key
 * is not counted for it.
 */
final class SliceValueCounts {
    static final String VALUE_COUNT = "value_count";
    static final StructType SCHEMA = new StructType()
            .add(GRANULARITY, DataTypes.StringType, false)
            .add(WINDOW_START, DataTypes.TimestampType, false)
            .add(MODEL_ID, DataTypes.StringType, false)
            .add(SLICE_KEY, DataTypes.StringType, false)
            .add(SLICE_VALUE, DataTypes.StringType, false)
            .add(VALUE_COUNT, DataTypes.LongType, false);
    static final int MODEL = 0;
    static final int TIME = 1;
    static final int TAGS_ORDINAL = 2;

    private record Value(int granularity, long windowStart, UTF8String model, int key, UTF8String value) {}

    private SliceValueCounts() {}

    /** {@code maxValues}: how many counts are held before they are handed out ({@link BoundedPartials}). */
    static Iterator<InternalRow> count(Iterator<InternalRow> rows, List<String> granularities, List<String> keys, WindowStarts windows,
            int maxValues) {
        TagValues tags = new TagValues(keys);
        Utf8Copies copies = new Utf8Copies();
        Map<Value, long[]> counts = new HashMap<>();
        return new BoundedPartials<>(rows, row -> {
            UTF8String model = copies.of(row.getUTF8String(MODEL));
            long time = row.getLong(TIME);
            tags.read(row.isNullAt(TAGS_ORDINAL) ? null : row.getMap(TAGS_ORDINAL));
            for (int g = 0; g < granularities.size(); g++) {
                long start = windows.start(granularities.get(g), time);
                for (int k = 0; k < keys.size(); k++) {
                    UTF8String value = tags.value(k);
                    if (value != null) {
                        counts.computeIfAbsent(new Value(g, start, model, k, copies.of(value)), v -> new long[1])[0]++;
                    }
                }
            }
        }, counts, maxValues, (value, n) -> new GenericInternalRow(new Object[] {
            UTF8String.fromString(granularities.get(value.granularity())), value.windowStart(), value.model(),
            UTF8String.fromString(keys.get(value.key())), value.value(), n[0]}));
    }
}
