package io.monitoring.spark;

import java.util.HashMap;
import java.util.Map;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * One partition's own copies of strings that point into Spark's buffers (a column batch's, the
 * row being read): each distinct value is copied once, so a value that keys a partial count
 * outlives the row it came from without a copy per row. Past {@link #MAX_STRINGS} it starts over,
 * so a key with millions of values cannot fill the heap; the copies already handed out stay valid.
 */
public final class Utf8Copies {
    public static final int MAX_STRINGS = 100_000;
    private final Map<UTF8String, UTF8String> copies = new HashMap<>();

    /** The partition's copy of {@code s}; null for null. */
    public UTF8String of(UTF8String s) {
        if (s == null) {
            return null;
        }
        UTF8String own = copies.get(s);
        if (own == null) {
            if (copies.size() >= MAX_STRINGS) {
                copies.clear();
            }
            own = s.clone();
            copies.put(own, own);
        }
        return own;
    }
}
