package io.monitoring.drift;

import static io.monitoring.drift.DriftColumns.*;

import io.monitoring.model.Columns;
import io.monitoring.spark.BoundedPartials;
import io.monitoring.spark.TagValues;
import io.monitoring.spark.Utf8Copies;
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
 * One partition's records counted per (model, side, segment key, segment value), the whole model
 * as the null key and value, in one loop over Spark's internal rows of (model_id, side, tags):
 * the partial counts of {@link DriftInputs#sliceCounts}. A record whose tags lack a key (or hold
 * a null value for it) is not counted for that key. Each row's tags are scanned once for all keys.
 */
final class DriftSliceCounts {
    static final StructType SCHEMA = new StructType()
            .add(Columns.MODEL_ID, DataTypes.StringType, true)
            .add(SIDE, DataTypes.StringType, true)
            .add(SLICE_KEY, DataTypes.StringType, true)
            .add(SLICE_VALUE, DataTypes.StringType, true)
            .add(N, DataTypes.LongType, false);
    static final int MODEL = 0;
    static final int SIDE_ORDINAL = 1;
    static final int TAGS_ORDINAL = 2;
    private static final int WHOLE_MODEL = -1;

    /** {@code key}: the index of the segment key, {@link #WHOLE_MODEL} for the whole model (no value). */
    private record Slice(UTF8String model, UTF8String side, int key, UTF8String value) {}

    private DriftSliceCounts() {}

    /** {@code maxCounts}: how many counts are held before they are handed out ({@link BoundedPartials}). */
    static Iterator<InternalRow> count(Iterator<InternalRow> rows, List<String> keys, int maxCounts) {
        TagValues tags = new TagValues(keys);
        Utf8Copies copies = new Utf8Copies();
        Map<Slice, long[]> counts = new HashMap<>();
        return new BoundedPartials<>(rows, row -> {
            UTF8String model = row.isNullAt(MODEL) ? null : copies.of(row.getUTF8String(MODEL));
            UTF8String side = row.isNullAt(SIDE_ORDINAL) ? null : copies.of(row.getUTF8String(SIDE_ORDINAL));
            counts.computeIfAbsent(new Slice(model, side, WHOLE_MODEL, null), s -> new long[1])[0]++;
            tags.read(row.isNullAt(TAGS_ORDINAL) ? null : row.getMap(TAGS_ORDINAL));
            for (int k = 0; k < keys.size(); k++) {
                UTF8String value = tags.value(k);
                if (value != null) {
                    counts.computeIfAbsent(new Slice(model, side, k, copies.of(value)), s -> new long[1])[0]++;
                }
            }
        }, counts, maxCounts, (slice, n) -> new GenericInternalRow(new Object[] {slice.model(), slice.side(),
            slice.key() == WHOLE_MODEL ? null : tags.key(slice.key()), slice.value(), n[0]}));
    }
}
