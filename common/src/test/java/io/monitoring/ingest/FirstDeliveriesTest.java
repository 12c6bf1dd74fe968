package io.monitoring.ingest;

import static io.monitoring.model.Columns.*;
import static org.junit.jupiter.api.Assertions.*;

import io.monitoring.testing.SharedSpark;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** The first delivery of each key is kept, whichever way the repeats are found. */
class FirstDeliveriesTest {
    private final SparkSession spark = SharedSpark.get();

    private static final StructType ROWS = new StructType()
            .add(MODEL_ID, DataTypes.StringType, false)
            .add(INFERENCE_ID, DataTypes.StringType, false)
            .add(SOURCE_FILE, DataTypes.StringType, false)
            .add(SOURCE_LINE, DataTypes.LongType, true)
            .add(RECORD_INDEX, DataTypes.IntegerType, true)
            .add("delivery", DataTypes.StringType, false);

    private static Row row(String model, String id, String file, Long line, Integer index, String delivery) {
        return RowFactory.create(model, id, file, line, index, delivery);
    }

    /** Deliveries out of order across files, lines and positions in a batch envelope. */
    private Dataset<Row> batch() {
        return spark.createDataFrame(List.of(
                row("m1", "once", "s3a://l/b.jsonl", 4L, null, "only"),
                row("m2", "once", "s3a://l/b.jsonl", 5L, null, "other model, same id"),
                // three files: the first path wins, whatever the line
                row("m1", "thrice", "s3a://l/c.jsonl", 1L, null, "third file"),
                row("m1", "thrice", "s3a://l/a.jsonl", 9L, null, "first file"),
                row("m1", "thrice", "s3a://l/b.jsonl", 2L, null, "second file"),
                // one file: the earlier line wins
                row("m1", "lines", "s3a://l/a.jsonl", 7L, null, "later line"),
                row("m1", "lines", "s3a://l/a.jsonl", 3L, null, "earlier line"),
                // one envelope line: no index (a plain record) before index 0, then 0 before 1
                row("m2", "envelope", "s3a://l/a.jsonl", 2L, 1, "index 1"),
                row("m2", "envelope", "s3a://l/a.jsonl", 2L, 0, "index 0"),
                row("m2", "envelope", "s3a://l/a.jsonl", 2L, null, "no index"),
                // the very same position twice (a file listed twice): one row is kept
                row("m3", "same", "s3a://l/a.jsonl", 1L, null, "same position"),
                row("m3", "same", "s3a://l/a.jsonl", 1L, null, "same position")), ROWS).repartition(3);
    }

    private static final Map<String, String> FIRST = new TreeMap<>(Map.of(
            "m1/once", "only",
            "m2/once", "other model, same id",
            "m1/thrice", "first file",
            "m1/lines", "earlier line",
            "m2/envelope", "no index",
            "m3/same", "same position"));

    private static Map<String, String> deliveryPerKey(Dataset<Row> kept) {
        Map<String, String> byKey = new TreeMap<>();
        for (Row row : kept.collectAsList()) {
            String key = row.getAs(MODEL_ID) + "/" + row.getAs(INFERENCE_ID);
            assertNull(byKey.put(key, row.getAs("delivery")), () -> "two rows kept for " + key);
        }
        return byKey;
    }

    private static long repeatedKeys(Dataset<Row> rows) {
        return FirstDeliveries.repeatedKeys(rows, MODEL_ID, INFERENCE_ID).count();
    }

    @Test
    void fewRepeatsAreRankedApartFromTheOtherRows() {
        long repeated = repeatedKeys(batch());
        assertEquals(4, repeated, "thrice, lines, envelope, same");
        Dataset<Row> kept = FirstDeliveries.keep(batch(), repeated, MODEL_ID, INFERENCE_ID);
        assertEquals(FIRST, deliveryPerKey(kept));
        assertEquals(List.of(ROWS.fieldNames()), List.of(kept.columns()), "the rows keep their columns");
    }

    @Test
    void manyRepeatsRankEveryRow() {
        Dataset<Row> kept = FirstDeliveries.keep(batch(), repeatedKeys(batch()), 0, MODEL_ID, INFERENCE_ID);
        assertEquals(FIRST, deliveryPerKey(kept));
        assertEquals(List.of(ROWS.fieldNames()), List.of(kept.columns()));
    }

    @Test
    void withoutRepeatsTheRowsGoOnUnchanged() {
        Dataset<Row> unique = batch().where("inference_id = 'once'");
        assertEquals(0, repeatedKeys(unique));
        Dataset<Row> kept = FirstDeliveries.keep(unique, 0, MODEL_ID, INFERENCE_ID);
        assertSame(unique, kept, "no ranking, no join");
        assertEquals(Map.of("m1/once", "only", "m2/once", "other model, same id"), deliveryPerKey(kept));
    }

    @Test
    void theKeyIsEveryKeyColumn() {
        assertEquals(List.of(), FirstDeliveries.repeatedKeys(batch().where("inference_id = 'once'"), MODEL_ID, INFERENCE_ID)
                .collectAsList(), "m1/once and m2/once are two keys");
        assertEquals(1, FirstDeliveries.repeatedKeys(batch().where("inference_id = 'once'"), INFERENCE_ID).count());
    }
}
