package io.monitoring.spark.columnar;

import static org.apache.spark.sql.functions.*;
import static org.junit.jupiter.api.Assertions.*;

import io.monitoring.testing.SharedSpark;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.sql.catalyst.util.MapData;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ColumnarRows} hands out exactly the rows Spark's own execution of the Dataset gives, in
 * the Dataset's column order, whether it reads column batches (a filtered, projected Delta scan
 * with dictionary-encoded strings and maps, over several batches) or falls back to rows.
 */
class ColumnarRowsTest {
    private static final SparkSession spark = SharedSpark.get();

    @TempDir
    static Path dir;

    private static String table;

    @BeforeAll
    static void writeTable() {
        table = dir.resolve("records").toString();
        // 10,000 rows of one day in two files, each more than one batch of 4,096; names and categories repeat (dictionary
        // encoded), some maps, values and strings are null
        spark.range(0, 10_000, 1, 2).select(
                        col("id"),
                        when(col("id").mod(7).equalTo(0), lit(null)).otherwise(concat(lit("model-"), col("id").mod(3))).as("model_id"),
                        expr("timestamp_seconds(1769904000 + id * 3)").as("event_time"),
                        expr("CASE WHEN id % 10 = 0 THEN 'training' ELSE 'production' END").as("environment"),
                        expr("CASE WHEN id % 11 = 0 THEN NULL ELSE map('age', CAST(id % 90 AS DOUBLE), 'income', "
                                + "CASE WHEN id % 5 = 0 THEN NULL ELSE id * 1.5 END) END").as("numeric_features"),
                        expr("map('color', concat('c', id % 13), 'city', CASE WHEN id % 4 = 0 THEN NULL "
                                + "ELSE concat('city-', id % 977) END)").as("categorical_features"),
                        expr("map('emb', array(CAST(id AS DOUBLE), NULL, 0.5))").as("embedding_features"),
                        expr("to_date(timestamp_seconds(1769904000 + id * 3))").as("event_date"))
                .write().format("delta").partitionBy("event_date").save(table);
    }

    private static Dataset<Row> records() {
        return spark.read().format("delta").load(table);
    }

    @Test
    void aFilteredProjectedDeltaScanReadsBatchesAndGivesSparksRows() {
        Dataset<Row> rows = records()
                .where(col("event_date").equalTo(lit(java.sql.Date.valueOf("2026-02-01"))))
                .where(col("event_time").geq(lit(java.sql.Timestamp.valueOf("2026-02-01 01:00:00")))
                        .and(not(col("environment").isin("training"))))
                .withColumn("side", when(col("event_time").geq(lit(java.sql.Timestamp.valueOf("2026-02-01 04:00:00"))),
                        lit("current")).otherwise(lit("previous")))
                .withColumn("model_version", lit(null).cast("string"))
                .select(col("side"), col("model_id"), col("model_version"), col("categorical_features"),
                        col("numeric_features"), col("embedding_features"), col("id").plus(1).as("next_id"));
        assertTrue(ColumnarRows.isColumnar(rows), rows.queryExecution().executedPlan().toString());
        List<String> expected = sparkRows(rows);
        assertTrue(expected.size() > 4096, "crosses batches: " + expected.size());
        assertEquals(expected, read(rows));
    }

    @Test
    void aScanWithoutFilterOrProjectionReadsBatches() {
        Dataset<Row> rows = records();
        assertTrue(ColumnarRows.isColumnar(rows), rows.queryExecution().executedPlan().toString());
        assertEquals(sparkRows(rows), read(rows));
    }

    @Test
    void aFilterThatKeepsNothingGivesNoRows() {
        Dataset<Row> rows = records().where(col("model_id").equalTo("no such model"));
        assertTrue(ColumnarRows.isColumnar(rows));
        assertEquals(List.of(), read(rows));
    }

    @Test
    void otherPlansGiveSparksOwnRows() {
        Dataset<Row> joined = records().select("id", "categorical_features")
                .join(records().select("id", "model_id"), "id").where(col("id").lt(500));
        assertFalse(ColumnarRows.isColumnar(joined));
        assertEquals(sparkRows(joined), read(joined));
    }

    /** The rows through {@link ColumnarRows}, rendered while each is current, sorted. */
    private static List<String> read(Dataset<Row> rows) {
        StructType schema = rows.schema();
        List<String> out = new ArrayList<>(ColumnarRows.of(rows).map(r -> render(r, schema)).collect());
        out.sort(null);
        return out;
    }

    /** The rows as Spark's own execution of the plan gives them, rendered the same way, sorted. */
    private static List<String> sparkRows(Dataset<Row> rows) {
        StructType schema = rows.schema();
        List<String> out = new ArrayList<>(rows.queryExecution().toRdd().toJavaRDD().map(r -> render(r, schema)).collect());
        out.sort(null);
        return out;
    }

    private static String render(InternalRow row, StructType schema) {
        StringBuilder s = new StringBuilder();
        StructField[] fields = schema.fields();
        for (int i = 0; i < fields.length; i++) {
            s.append(fields[i].name()).append('=')
                    .append(row.isNullAt(i) ? "null" : value(row.get(i, fields[i].dataType()), fields[i].dataType())).append(';');
        }
        return s.toString();
    }

    private static String value(Object v, DataType type) {
        if (v == null) {
            return "null";
        }
        if (type instanceof MapType m) {
            MapData map = (MapData) v;
            return "{" + value(map.keyArray(), new ArrayType(m.keyType(), false)) + " -> "
                    + value(map.valueArray(), new ArrayType(m.valueType(), true)) + "}";
        }
        if (type instanceof ArrayType a) {
            ArrayData array = (ArrayData) v;
            List<String> items = new ArrayList<>();
            for (int i = 0; i < array.numElements(); i++) {
                items.add(array.isNullAt(i) ? "null" : value(array.get(i, a.elementType()), a.elementType()));
            }
            return items.toString();
        }
        return v.toString();
    }
}
