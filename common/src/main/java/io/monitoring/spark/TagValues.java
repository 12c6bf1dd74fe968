package io.monitoring.spark;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.sql.catalyst.util.MapData;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * The values of a fixed list of keys in a string map of Spark's internal rows (an inference's
 * tags), as {@code element_at(map, key)} gives them: the first entry with the key, null when there
 * is none or its value is null. One scan of the map finds them all. The values point into Spark's
 * buffers until the next row is read: copy what outlives it. One instance per partition.
 */
public final class TagValues {
    private final UTF8String[] keys;
    private final UTF8String[] values;
    private final boolean[] found;

    public TagValues(List<String> keys) {
        this.keys = keys.stream().map(UTF8String::fromString).toArray(UTF8String[]::new);
        this.values = new UTF8String[this.keys.length];
        this.found = new boolean[this.keys.length];
    }

    /** Looks the keys up in {@code map} (null: no entries). */
    public void read(MapData map) {
        Arrays.fill(values, null);
        Arrays.fill(found, false);
        if (map == null) {
            return;
        }
        ArrayData names = map.keyArray();
        ArrayData entries = map.valueArray();
        int left = keys.length;
        for (int i = 0; i < map.numElements() && left > 0; i++) {
            UTF8String name = names.getUTF8String(i);
            for (int j = 0; j < keys.length; j++) {
                if (!found[j] && keys[j].equals(name)) {
                    found[j] = true;
                    values[j] = entries.isNullAt(i) ? null : entries.getUTF8String(i);
                    left--;
                }
            }
        }
    }

    /** Key number {@code key} itself, as Spark's string (shared: not to be modified). */
    public UTF8String key(int key) {
        return keys[key];
    }

    /** The value of key number {@code key} in the map last read. */
    public UTF8String value(int key) {
        return values[key];
    }
}
