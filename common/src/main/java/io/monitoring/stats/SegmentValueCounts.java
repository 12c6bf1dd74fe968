package io.monitoring.stats;

import io.monitoring.spark.BoundedPartials;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * One partition's inferences per (cap scope, model, segment key, segment value): the counts the
 * segment values are ranked by. An inference whose tags lack a key is not counted for it.
 */
final class SegmentValueCounts {
    static final StructType SCHEMA = new StructType()
            .add(InferenceStatsAggregation.CAP_SCOPE, DataTypes.StringType, true)
            .add(io.monitoring.model.Columns.MODEL_ID, DataTypes.StringType, false)
            .add(io.monitoring.model.Columns.SLICE_KEY, DataTypes.StringType, false)
            .add(io.monitoring.model.Columns.SLICE_VALUE, DataTypes.StringType, false)
            .add(InferenceStatsAggregation.SLICE_COUNT, DataTypes.LongType, false);

    private record Value(String scope, String model, int key, String value) {}

    private SegmentValueCounts() {}

    /**
     * {@code rows}: rows of at least the first {@link InferenceFacts#SEGMENT_COLUMNS} columns;
     * {@code maxValues}: how many counts are held before they are handed out ({@link BoundedPartials}).
     */
    static Iterator<InternalRow> count(Iterator<InternalRow> rows, InferenceFacts.Layout layout, int maxValues) {
        InferenceFacts facts = new InferenceFacts(layout);
        StringCache strings = new StringCache();
        Map<Value, long[]> counts = new HashMap<>();
        List<String> keys = layout.segmentKeys();
        return new BoundedPartials<>(rows, row -> {
            facts.readSegments(row);
            String scope = strings.of(facts.scope);
            String model = strings.of(facts.model);
            for (int k = 0; k < facts.segmentValues.length; k++) {
                if (facts.segmentValues[k] != null) {
                    counts.computeIfAbsent(new Value(scope, model, k, strings.of(facts.segmentValues[k])), v -> new long[1])[0]++;
                }
            }
        }, counts, maxValues, (value, n) -> new GenericInternalRow(new Object[] {
            StringCache.utf8(value.scope()), StringCache.utf8(value.model()), StringCache.utf8(keys.get(value.key())),
            StringCache.utf8(value.value()), n[0]}));
    }
}
