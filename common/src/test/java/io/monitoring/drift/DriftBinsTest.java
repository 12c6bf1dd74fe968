package io.monitoring.drift;

import static io.monitoring.drift.DriftColumns.*;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.percentile_approx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.monitoring.config.ConfigLoader;
import io.monitoring.config.MonitoringConfig;
import io.monitoring.model.Schemas;
import io.monitoring.testing.Inferences;
import io.monitoring.testing.SharedSpark;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * The bins come from one pass of Java sketches; they must be what Spark SQL's own aggregations give
 * on the same values: {@code percentile_approx} edges (distinct), every (F/P)-th of them as PSI
 * edges, min and max without NaN and nulls, and the top K categories by count, ties by name.
 */
class DriftBinsTest {
    private static final MonitoringConfig.Drift SETTINGS = ConfigLoader.load(null,
            Map.of("drift.ks-bins", "10", "drift.psi-bins", "5", "drift.max-categories", "2")).drift();

    @Test
    void binsAreWhatSparkSqlsAggregationsGive() {
        SparkSession spark = SharedSpark.get();
        Instant t = Instant.parse("2026-02-01T10:00:00Z");
        List<Row> inferenceRows = new ArrayList<>();
        String[] labels = {"yes", "no", "maybe"};
        for (int i = 0; i < 400; i++) {
            Inferences.Builder b = Inferences.inference("m", "m" + i, t).classification(labels[i % 7 == 0 ? 2 : i % 2], (i % 13) / 13.0)
                    .numeric("x", i % 50 == 0 ? null : i % 31 == 0 ? Double.NaN : Math.sin(i) * 100)
                    .numeric("flat", 1.0)
                    // b and c tie for second place; b wins by name
                    .categorical("c", i % 4 == 0 ? "a" : i % 4 == 1 ? "c" : i % 4 == 2 ? "b" : "a");
            if (i % 3 == 0) {
                b.embedding("e", List.of(0.1 * i, -0.2 * i));
            }
            inferenceRows.add(b.build());
        }
        for (int i = 0; i < 60; i++) {
            inferenceRows.add(Inferences.inference("n", "n" + i, t).regression(i * 1.5).numeric("x", -1.0 * i)
                    .categorical("only_null", null).build());
        }
        Dataset<Row> rows = spark.createDataFrame(inferenceRows, Schemas.INFERENCE).repartition(3).withColumn(SIDE, lit(SIDE_REFERENCE));

        Map<String, Row> bins = new TreeMap<>();
        for (Row r : DriftBins.compute(DriftRecords.of(rows, null), SETTINGS)) {
            bins.put(r.getAs(MODEL_ID) + "|" + r.getAs(COLUMN_TYPE) + "|" + r.getAs(COLUMN_NAME), r);
        }

        Map<String, Numeric> expectedNumeric = expectedNumeric(rows);
        Map<String, List<String>> expectedCategories = expectedCategories(rows);
        List<String> expectedKeys = new ArrayList<>(expectedNumeric.keySet());
        expectedKeys.addAll(expectedCategories.keySet());
        expectedKeys.add("m|" + EMBEDDING + "|e");
        assertEquals(new java.util.TreeSet<>(expectedKeys), bins.keySet());
        for (Map.Entry<String, Numeric> e : expectedNumeric.entrySet()) {
            BinSpec got = BinSpec.of(bins.get(e.getKey()));
            List<Double> pct = e.getValue().percentiles();
            List<Double> psi = new ArrayList<>();
            for (int i = 1; i < 5; i++) {
                psi.add(pct.get(i * 2 - 1));
            }
            assertEquals(new ArrayList<>(new LinkedHashSet<>(pct)), boxed(got.edges()), e.getKey());
            assertEquals(new ArrayList<>(new LinkedHashSet<>(psi)), boxed(got.psiEdges()), e.getKey());
            assertEquals(e.getValue().min(), got.rangeMin(), e.getKey());
            assertEquals(e.getValue().max(), got.rangeMax(), e.getKey());
            assertNull(got.categories());
        }
        for (Map.Entry<String, List<String>> e : expectedCategories.entrySet()) {
            BinSpec got = BinSpec.of(bins.get(e.getKey()));
            assertEquals(e.getValue(), got.categories(), e.getKey());
            assertNull(got.edges());
        }
        assertEquals(List.of("a", "b"), BinSpec.of(bins.get("m|" + CATEGORICAL + "|c")).categories());
        assertEquals(List.of(1.0), boxed(BinSpec.of(bins.get("m|" + NUMERIC + "|flat")).edges()));
    }

    private record Numeric(List<Double> percentiles, double min, double max) {}

    /** Per model|numeric|column: (percentiles, min, max) by percentile_approx over the non-null, non-NaN values. */
    private static Map<String, Numeric> expectedNumeric(Dataset<Row> rows) {
        Dataset<Row> values = rows.select(col(MODEL_ID), explode(col("numeric_features")).as(new String[] {"k", "v"}))
                .unionByName(rows.where(col("prediction_kind").equalTo("regression"))
                        .select(col(MODEL_ID), lit(PREDICTION).as("k"), col("prediction_value").as("v")))
                .unionByName(rows.select(col(MODEL_ID), lit(PREDICTION_SCORE).as("k"), col("prediction_score").as("v")))
                .where("v IS NOT NULL AND NOT isnan(v)");
        Column[] percentages = new Column[9];
        for (int i = 1; i < 10; i++) {
            percentages[i - 1] = lit(i / 10.0);
        }
        Map<String, Numeric> out = new TreeMap<>();
        for (Row r : values.groupBy(col(MODEL_ID), col("k"))
                .agg(percentile_approx(col("v"), org.apache.spark.sql.functions.array(percentages), lit(10000)).as("pct"),
                        min(col("v")), max(col("v")))
                .collectAsList()) {
            out.put(r.getString(0) + "|" + NUMERIC + "|" + r.getString(1), new Numeric(r.getList(2), r.getDouble(3), r.getDouble(4)));
        }
        return out;
    }

    /** Per model|categorical|column: the two most frequent non-null values, ties by name. */
    private static Map<String, List<String>> expectedCategories(Dataset<Row> rows) {
        Dataset<Row> values = rows.select(col(MODEL_ID), explode(col("categorical_features")).as(new String[] {"k", "v"}))
                .unionByName(rows.where(col("prediction_kind").equalTo("classification"))
                        .select(col(MODEL_ID), lit(PREDICTION).as("k"), col("prediction_label").as("v")))
                .where("v IS NOT NULL");
        Map<String, List<String>> out = new TreeMap<>();
        for (Row r : values.groupBy(col(MODEL_ID), col("k"), col("v")).agg(count(lit(1)).as("n"))
                .orderBy(col(MODEL_ID), col("k"), col("n").desc(), col("v")).collectAsList()) {
            List<String> top = out.computeIfAbsent(r.getString(0) + "|" + CATEGORICAL + "|" + r.getString(1), k -> new ArrayList<>());
            if (top.size() < 2) {
                top.add(r.getString(2));
            }
        }
        return out;
    }

    private static List<Double> boxed(double[] values) {
        return java.util.Arrays.stream(values).boxed().toList();
    }
}
