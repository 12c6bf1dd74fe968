package io.monitoring.stats;

import static io.monitoring.model.Columns.*;

import java.io.Serializable;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Row;

/**
 * The segment values that keep their name, per (cap scope, model, segment key): the most frequent
 * ones, ranked by count and then by value. Any other value of the
 * key counts under the configured other value. Made on the driver, sent to the executors.
 */
final class SegmentCaps implements Serializable {
    private static final long serialVersionUID = 1L;

    private final List<String> keys;
    private final String otherValue;
    private final HashMap<String, HashMap<String, HashMap<String, HashSet<String>>>> kept = new HashMap<>();

    /** {@code keptValues}: rows of (cap scope, model_id, slice_key, slice_value). */
    SegmentCaps(List<String> keys, List<Row> keptValues, String otherValue) {
        this.keys = List.copyOf(keys);
        this.otherValue = otherValue;
        for (Row r : keptValues) {
            kept.computeIfAbsent(r.getString(0), s -> new HashMap<>())
                    .computeIfAbsent(r.getAs(MODEL_ID), m -> new HashMap<>())
                    .computeIfAbsent(r.getAs(SLICE_KEY), k -> new HashSet<>())
                    .add(r.getAs(SLICE_VALUE));
        }
    }

    List<String> keys() {
        return keys;
    }

    /** The value the slice of key number {@code key} is counted under. */
    String capped(String scope, String model, int key, String value) {
        Map<String, HashMap<String, HashSet<String>>> byModel = kept.get(scope);
        Map<String, HashSet<String>> byKey = byModel == null ? null : byModel.get(model);
        Set<String> values = byKey == null ? null : byKey.get(keys.get(key));
        return values != null && values.contains(value) ? value : otherValue;
    }
}
