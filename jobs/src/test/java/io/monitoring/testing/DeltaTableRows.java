package io.monitoring.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.monitoring.stats.KllSketches;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.kll.KllDoublesSketchIterator;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * Compares Delta tables row by row, for tests that build the same table two ways (a reference run
 * and a crashed-then-rerun one, one run and two concurrent ones). KLL sketch columns are compared
 * by what they hold (each retained value with its weight), not by their bytes: a sketch's
 * serialized form follows the order values were added in, which Spark does not fix.
 */
public final class DeltaTableRows {
    private DeltaTableRows() {}

    /** Every column but {@code ignored}, in the table's column order, sorted by {@code keys}, sketches in their canonical form. */
    public static List<List<Object>> read(Dataset<Row> table, List<String> keys, List<String> ignored) {
        Column[] order = keys.stream().map(k -> functions.col(k).asc_nulls_first()).toArray(Column[]::new);
        List<Row> rows = table.drop(ignored.toArray(new String[0])).orderBy(order).collectAsList();
        List<List<Object>> out = new ArrayList<>();
        for (Row row : rows) {
            List<Object> values = new ArrayList<>();
            for (int i = 0; i < row.size(); i++) {
                Object v = row.get(i);
                values.add(v instanceof byte[] bytes && row.schema().fields()[i].name().endsWith("_sketch") ? sketchContent(bytes)
                        : v instanceof byte[] bytes ? Arrays.toString(bytes) : v);
            }
            out.add(values);
        }
        return out;
    }

    /** The two tables hold the same rows (ignoring {@code ignored} columns); names the first difference. */
    public static void assertSameRows(SparkSession spark, String expectedPath, String actualPath, List<String> keys,
            List<String> ignored, String what) {
        assertSameRows(spark.read().format("delta").load(expectedPath), spark.read().format("delta").load(actualPath),
                keys, ignored, what);
    }

    /** The same for any two datasets, e.g. a table and its from-scratch computation. */
    public static void assertSameRows(Dataset<Row> expectedRows, Dataset<Row> actualRows, List<String> keys,
            List<String> ignored, String what) {
        List<List<Object>> expected = read(expectedRows, keys, ignored);
        List<List<Object>> actual = read(actualRows, keys, ignored);
        for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
            assertEquals(expected.get(i), actual.get(i), what + ": row " + i + " differs");
        }
        assertEquals(expected.size(), actual.size(), what + ": row count");
    }

    /** No two rows share a key. */
    public static void assertUniqueKeys(SparkSession spark, String path, List<String> keys, String what) {
        Column[] k = keys.stream().map(functions::col).toArray(Column[]::new);
        List<Row> dup = spark.read().format("delta").load(path).groupBy(k).count().where("count > 1").limit(5).collectAsList();
        assertTrue(dup.isEmpty(), what + ": duplicate keys " + dup);
    }

    private static String sketchContent(byte[] bytes) {
        KllDoublesSketch sketch = KllSketches.fromBytes(bytes);
        List<String> items = new ArrayList<>();
        KllDoublesSketchIterator it = sketch.iterator();
        while (it.next()) {
            items.add(it.getValue() + "x" + it.getWeight());
        }
        items.sort(null);
        return "kll(n=" + sketch.getN() + ", " + items + ")";
    }
}
