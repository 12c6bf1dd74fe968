package io.monitoring.drift;

import static io.monitoring.drift.DriftColumns.*;

import java.io.Serializable;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Row;

/**
 * The segment values kept per model and key ({@link DriftInputs#topSliceValues}); a record's other
 * values of that key count under {@code otherValue}, so the slices of a window stay bounded.
 */
public final class SliceCaps implements Serializable {
    private static final long serialVersionUID = 1L;

    private final List<String> keys;
    private final String otherValue;
    private final HashMap<String, HashMap<String, HashSet<String>>> kept = new HashMap<>();

    /** {@code keptValues}: rows of (model_id, slice_key, slice_value). */
    public SliceCaps(List<String> keys, List<Row> keptValues, String otherValue) {
        this.keys = List.copyOf(keys);
        this.otherValue = otherValue;
        for (Row r : keptValues) {
            kept.computeIfAbsent(r.getAs(MODEL_ID), m -> new HashMap<>())
                    .computeIfAbsent(r.getAs(SLICE_KEY), k -> new HashSet<>())
                    .add(r.getAs(SLICE_VALUE));
        }
    }

    public List<String> keys() {
        return keys;
    }

    public String otherValue() {
        return otherValue;
    }

    /** The kept values of {@code model}, per key. */
    Set<String> kept(String model, String key) {
        Map<String, HashSet<String>> byKey = kept.get(model);
        return byKey == null || !byKey.containsKey(key) ? Set.of() : byKey.get(key);
    }

}
