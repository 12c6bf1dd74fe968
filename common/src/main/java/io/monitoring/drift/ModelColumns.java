package io.monitoring.drift;

import static io.monitoring.drift.DriftColumns.*;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * One model's columns as a partition meets them: each (type, name) gets a dense index and its
 * bins, so a record's values are looked up once and then counted into each of its slices by
 * index. Also the model's kept segment values per key.
 */
final class ModelColumns {
    /** Column types by code: the order of {@link #TYPES}. */
    static final int NUMERIC_TYPE = 0;
    static final int CATEGORICAL_TYPE = 1;
    static final int EMBEDDING_TYPE = 2;
    private static final List<String> TYPES = List.of(NUMERIC, CATEGORICAL, EMBEDDING);

    private final String model;
    private final Map<String, ColumnBins> allBins;
    private final List<Map<UTF8String, Integer>> indexByType = List.of(new HashMap<>(), new HashMap<>(), new HashMap<>());
    private final List<String> names = new ArrayList<>();
    private final List<String> types = new ArrayList<>();
    private final List<ColumnBins> bins = new ArrayList<>();
    private final List<Set<UTF8String>> keptBySliceKey = new ArrayList<>();

    /** {@code allBins}: every model's bins by {@link #binsKey}. */
    ModelColumns(String model, Map<String, ColumnBins> allBins, SliceCaps caps) {
        this.model = model;
        this.allBins = allBins;
        for (String key : caps.keys()) {
            Set<UTF8String> kept = new HashSet<>();
            for (String v : caps.kept(model, key)) {
                kept.add(UTF8String.fromString(v));
            }
            keptBySliceKey.add(kept);
        }
    }

    static String binsKey(String model, String type, String column) {
        return model + '\u0000' + type + '\u0000' + column;
    }

    /** The index of column {@code name} of type {@code typeCode}. */
    int index(int typeCode, UTF8String name) {
        Map<UTF8String, Integer> index = indexByType.get(typeCode);
        Integer i = index.get(name);
        if (i == null) {
            i = names.size();
            String column = name.toString();
            index.put(UTF8String.fromString(column), i);
            names.add(column);
            types.add(TYPES.get(typeCode));
            bins.add(allBins.getOrDefault(binsKey(model, TYPES.get(typeCode), column), ColumnBins.NONE));
        }
        return i;
    }

    ColumnBins bins(int index) {
        return bins.get(index);
    }

    String name(int index) {
        return names.get(index);
    }

    String type(int index) {
        return types.get(index);
    }

    /** Whether {@code value} of the {@code sliceKey}-th segment key is one of the model's kept values. */
    boolean kept(int sliceKey, UTF8String value) {
        return keptBySliceKey.get(sliceKey).contains(value);
    }
}
