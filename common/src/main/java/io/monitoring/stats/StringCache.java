package io.monitoring.stats;

import java.util.HashMap;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * One partition's strings: each distinct value read from Spark's buffers is decoded and copied once.
 * Past {@link #MAX_STRINGS} it starts over, so a segment key with millions of values cannot fill
 * the heap; the strings already handed out stay valid.
 */
final class StringCache {
    static final int MAX_STRINGS = 100_000;
    private final HashMap<UTF8String, String> strings = new HashMap<>();

    /** {@code value} as a String; null for null. */
    String of(UTF8String value) {
        if (value == null) {
            return null;
        }
        String s = strings.get(value);
        if (s == null) {
            if (strings.size() >= MAX_STRINGS) {
                strings.clear();
            }
            s = value.toString();
            strings.put(value.clone(), s);
        }
        return s;
    }

    /** {@code value} as Spark's string; null for null. */
    static UTF8String utf8(String value) {
        return value == null ? null : UTF8String.fromString(value);
    }
}
