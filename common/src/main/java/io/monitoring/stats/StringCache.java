package io.monitoring.stats;

import java.util.HashMap;
import org.apache.spark.unsafe.types.UTF8String;

/** One partition's strings: each distinct value read from Spark's buffers is decoded and copied once. */
final class StringCache {
    private final HashMap<UTF8String, String> strings = new HashMap<>();

    /** {@code value} as a String; null for null. */
    String of(UTF8String value) {
        if (value == null) {
            return null;
        }
        String s = strings.get(value);
        if (s == null) {
            s = value.toString();
            strings.put(value.clone(), s);
        }
        return s;
    }
}
