package io.monitoring.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.apache.spark.sql.catalyst.util.ArrayBasedMapData;
import org.apache.spark.sql.catalyst.util.GenericArrayData;
import org.apache.spark.unsafe.types.UTF8String;
import org.junit.jupiter.api.Test;

/** Lookups as element_at: the first entry of a key, null for a missing key or a null value, nothing left from the last row. */
class TagValuesTest {
    private static ArrayBasedMapData map(String... keysAndValues) {
        Object[] keys = new Object[keysAndValues.length / 2];
        Object[] values = new Object[keys.length];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = UTF8String.fromString(keysAndValues[2 * i]);
            values[i] = keysAndValues[2 * i + 1] == null ? null : UTF8String.fromString(keysAndValues[2 * i + 1]);
        }
        return new ArrayBasedMapData(new GenericArrayData(keys), new GenericArrayData(values));
    }

    @Test
    void firstEntryOfEachKey() {
        TagValues tags = new TagValues(List.of("region", "platform", "tier"));
        tags.read(map("platform", "ios", "region", "eu", "region", "us", "tier", null));
        assertEquals("eu", tags.value(0).toString());
        assertEquals("ios", tags.value(1).toString());
        assertNull(tags.value(2));

        tags.read(map("region", "us"));
        assertEquals("us", tags.value(0).toString());
        assertNull(tags.value(1), "the last row's value is gone");
        tags.read(null);
        assertNull(tags.value(0));
    }
}
