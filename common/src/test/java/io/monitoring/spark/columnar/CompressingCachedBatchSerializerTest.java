package io.monitoring.spark.columnar;

import static org.junit.jupiter.api.Assertions.*;

import io.monitoring.testing.SharedSpark;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.columnar.CachedBatch;
import org.apache.spark.sql.execution.columnar.DefaultCachedBatch;
import org.apache.spark.sql.execution.columnar.DefaultCachedBatchSerializer;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.junit.jupiter.api.Test;

/** Cached rows read back as they went in, with their nested columns stored in fewer bytes. */
class CompressingCachedBatchSerializerTest {
    private final SparkSession spark = SharedSpark.get();

    private static final StructType SCHEMA = new StructType(new StructField[] {
        DataTypes.createStructField("id", DataTypes.LongType, false),
        DataTypes.createStructField("name", DataTypes.StringType, true),
        DataTypes.createStructField("features", DataTypes.createMapType(DataTypes.StringType, DataTypes.DoubleType, true), true),
        DataTypes.createStructField("items", DataTypes.createArrayType(DataTypes.StringType, true), true),
        DataTypes.createStructField("inner", new StructType(new StructField[] {
            DataTypes.createStructField("label", DataTypes.StringType, true),
            DataTypes.createStructField("score", DataTypes.DoubleType, true),
        }), true),
    });

    private Dataset<Row> rows(int n) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Map<String, Double> features = new TreeMap<>();
            for (int f = 0; f < 20; f++) {
                features.put("numeric_feature_" + f, (double) ((i * 31 + f) % 97));
            }
            boolean nulls = i % 7 == 0;
            rows.add(RowFactory.create((long) i, nulls ? null : "name-" + (i % 5),
                    nulls ? null : scala.collection.JavaConverters.mapAsScalaMap(features),
                    nulls ? null : scala.collection.JavaConverters.asScalaBuffer(List.of("item-" + (i % 3), "item-x")).toList(),
                    nulls ? null : RowFactory.create("label-" + (i % 4), i / 10.0)));
        }
        return spark.createDataFrame(rows, SCHEMA).repartition(3);
    }

    @Test
    void theSessionCachesWithIt() {
        assertEquals(CompressingCachedBatchSerializer.class.getName(), spark.conf().get("spark.sql.cache.serializer"));
    }

    @Test
    void cachedRowsReadBackAsTheyWentIn() {
        Dataset<Row> source = rows(12_000);
        List<Row> expected = source.orderBy("id").collectAsList();
        Dataset<Row> cached = source.persist(StorageLevel.MEMORY_AND_DISK());
        try {
            assertEquals(12_000, cached.count());
            assertEquals(expected, cached.orderBy("id").collectAsList(), "every column");
            assertEquals(source.select("id", "inner.label").where("id % 3 = 0").orderBy("id").collectAsList(),
                    cached.select("id", "inner.label").where("id % 3 = 0").orderBy("id").collectAsList(), "one nested column, filtered");
            assertEquals(source.select("name", "id").where("id > 11000").orderBy("id").collectAsList(),
                    cached.select("name", "id").where("id > 11000").orderBy("id").collectAsList(), "flat columns only, batches pruned");
            assertEquals(source.selectExpr("id", "features['numeric_feature_3'] AS f", "items").orderBy("id").collectAsList(),
                    cached.selectExpr("id", "features['numeric_feature_3'] AS f", "items").orderBy("id").collectAsList(), "map and array");
        } finally {
            cached.unpersist();
        }
    }

    @Test
    void nestedColumnsTakeFewerBytesThanSparkStoresThem() {
        Dataset<Row> source = rows(10_000);
        var plan = source.queryExecution().executedPlan();
        RDD<CachedBatch> plain = new DefaultCachedBatchSerializer().convertInternalRowToCachedBatch(
                plan.execute(), plan.output(), StorageLevel.MEMORY_ONLY(), spark.sessionState().conf());
        RDD<CachedBatch> compressed = new CompressingCachedBatchSerializer().convertInternalRowToCachedBatch(
                plan.execute(), plan.output(), StorageLevel.MEMORY_ONLY(), spark.sessionState().conf());
        long plainBytes = plain.toJavaRDD().map(CompressingCachedBatchSerializerTest::bufferBytes).reduce(Long::sum);
        long compressedBytes = compressed.toJavaRDD().map(CompressingCachedBatchSerializerTest::bufferBytes).reduce(Long::sum);
        assertTrue(compressedBytes * 3 < plainBytes, "compressed " + compressedBytes + " bytes, Spark's own " + plainBytes);
    }

    /** What a batch holds in memory (its sizeInBytes is Spark's statistic of the uncompressed columns). */
    private static long bufferBytes(CachedBatch batch) {
        long bytes = 0;
        for (byte[] buffer : ((DefaultCachedBatch) batch).buffers()) {
            bytes += buffer.length;
        }
        return bytes;
    }

    @Test
    void aBufferRoundTrips() {
        byte[] empty = new byte[0];
        assertArrayEquals(empty, CompressingCachedBatchSerializer.decompress(CompressingCachedBatchSerializer.compress(empty)));
        byte[] bytes = new byte[10_000];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 7 % 13);
        }
        assertArrayEquals(bytes, CompressingCachedBatchSerializer.decompress(CompressingCachedBatchSerializer.compress(bytes)));
    }
}
