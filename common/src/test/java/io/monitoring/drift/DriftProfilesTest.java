package io.monitoring.drift;

import static io.monitoring.drift.DriftColumns.*;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.monitoring.model.Schemas;
import io.monitoring.quality.QualityColumns;
import io.monitoring.testing.Inferences;
import io.monitoring.testing.SharedSpark;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * The profile bins each value once and expands slices after aggregating; its histograms must be
 * what binning every value once per slice gives. The expected cells are counted here record by
 * record, slice by slice, in plain Java.
 */
class DriftProfilesTest {
    private static final List<String> KEYS = List.of("region", "platform");
    private static final String OTHER = "__other__";
    private static final double[] X_EDGES = {1.0, 2.0};
    private static final double X_MIN = 0.0;
    private static final double X_MAX = 3.0;
    private static final List<String> C_CATEGORIES = List.of("a", "b");

    /** One inference: null region or platform = tag absent; null x, c or e = feature absent from the record. */
    private record Rec(String side, String version, String region, String platform, Double x, String c, double[] e) {}

    private static final List<Rec> RECORDS = List.of(
            new Rec(SIDE_CURRENT, "v1", "north", "web", 0.5, "a", new double[] {0.1, 0.2}),
            new Rec(SIDE_CURRENT, "v1", "north", "app", 1.5, "b", new double[] {0.3, -0.4}),
            new Rec(SIDE_CURRENT, "v1", "north", null, 2.5, "z", null),
            new Rec(SIDE_CURRENT, "v1", "south", "web", 3.5, null, new double[] {1.0, 2.0}),
            new Rec(SIDE_CURRENT, "v2", "east", "web", -1.0, "a", new double[] {0.0, 0.0}),
            new Rec(SIDE_CURRENT, "v2", null, null, 1.0, "b", null),
            new Rec(SIDE_CURRENT, "v2", "north", "web", null, "a", new double[] {5.0, 5.0}),
            new Rec(SIDE_PREVIOUS, "v1", "south", "app", 2.0, "a", new double[] {0.5, 0.5}),
            new Rec(SIDE_PREVIOUS, "v1", "north", "web", 0.0, "b", null),
            new Rec(SIDE_PREVIOUS, "v2", "west", null, 2.9, "c", new double[] {-1.0, 1.0}));

    @Test
    void slicingAfterTheAggregationGivesTheSameHistogramsAsBinningEverySlice() {
        SparkSession spark = SharedSpark.get();
        List<Row> inferenceRows = new ArrayList<>();
        for (int i = 0; i < RECORDS.size(); i++) {
            Rec r = RECORDS.get(i);
            Inferences.Builder b = Inferences.inference("m", "i" + i, Instant.parse("2026-02-01T10:00:00Z")).version(r.version());
            if (r.region() != null) {
                b.tag("region", r.region());
            }
            if (r.platform() != null) {
                b.tag("platform", r.platform());
            }
            if (r.x() != null) {
                b.numeric("x", r.x());
            }
            if (r.c() != null) {
                b.categorical("c", r.c());
            }
            if (r.e() != null) {
                b.embedding("e", Arrays.stream(r.e()).boxed().toList());
            }
            inferenceRows.add(b.tag("side", r.side()).build());
        }
        Dataset<Row> rows = spark.createDataFrame(inferenceRows, Schemas.INFERENCE)
                .withColumn(SIDE, col("tags").getItem("side"));
        // one value per key survives the cap: north (4 current records) and web (4)
        List<Row> kept = DriftInputs.topSliceValues(DriftInputs.sliceCounts(rows, KEYS).where(col(SIDE).equalTo(lit(SIDE_CURRENT))), 1)
                .collectAsList();
        List<BinSpec> bins = binSpecs(spark, List.of(
                RowFactory.create("m", "x", NUMERIC, List.of(1.0, 2.0), List.of(1.0), null, X_MIN, X_MAX),
                RowFactory.create("m", "c", CATEGORICAL, null, null, C_CATEGORIES, null, null)));

        List<Row> profiles = DriftProfiles.profile(DriftRecords.of(rows, null), bins, new SliceCaps(KEYS, kept, OTHER)).collectAsList();

        Map<String, Map<Integer, double[]>> expected = expected();
        Map<String, Map<Integer, double[]>> actual = cells(profiles);
        assertSameCells(expected, actual);
        // the cap was applied: south, east, west and app became the other-value
        assertTrue(actual.containsKey("m|" + key(SIDE_PREVIOUS, "v2", "region", OTHER, "x", NUMERIC)));
        assertEquals(false, actual.keySet().stream().anyMatch(k -> k.contains("|south|") || k.contains("|app|")));
    }

    /**
     * The prediction (by kind), its score and the actual are columns too; NaN, null map values, an
     * empty embedding and columns without bins get the cells the SQL binning gives them.
     */
    @Test
    void outputsNullsNaNAndColumnsWithoutBinsLandInTheirCells() {
        SparkSession spark = SharedSpark.get();
        Instant t = Instant.parse("2026-02-01T10:00:00Z");
        List<Row> inferenceRows = List.of(
                Inferences.inference("m", "a", t).version("v1").classification("yes", 0.9).numeric("x", Double.NaN).build(),
                Inferences.inference("m", "b", t).version("v1").classification(null, null).numeric("x", null)
                        .embedding("e", List.of()).build(),
                Inferences.inference("m", "c", t).version("v1").kind("none").numeric("y", 4.0).categorical("d", "q").build(),
                Inferences.inference("r", "d", t).version("v1").regression(2.5).build());
        Dataset<Row> latestActuals = spark.createDataFrame(List.of(RowFactory.create("m", "a", "label", "yes", null),
                        RowFactory.create("r", "d", "numeric", null, 3.0), RowFactory.create("m", "gone", "label", "no", null)),
                new org.apache.spark.sql.types.StructType().add(MODEL_ID, "string").add("inference_id", "string")
                        .add(ACTUAL_KIND, "string").add(ACTUAL_LABEL, "string").add(ACTUAL_VALUE, "double"));
        Dataset<Row> rows = spark.createDataFrame(inferenceRows, Schemas.INFERENCE).withColumn(SIDE, lit(SIDE_CURRENT));
        // as labeled_inferences: every inference, the actual's columns null on those without one
        Dataset<Row> labeled = rows.drop(ACTUAL_KIND, ACTUAL_LABEL, ACTUAL_VALUE).join(latestActuals,
                        scala.collection.JavaConverters.asScalaBuffer(List.of(MODEL_ID, "inference_id")).toSeq(), "left")
                .withColumn(QualityColumns.HAS_ACTUAL, col(ACTUAL_KIND).isNotNull());
        List<BinSpec> bins = binSpecs(spark, List.of(
                RowFactory.create("m", "x", NUMERIC, List.of(1.0, 2.0), List.of(1.0), null, 0.0, 3.0),
                RowFactory.create("m", PREDICTION, CATEGORICAL, null, null, List.of("yes", "no"), null, null),
                RowFactory.create("m", PREDICTION_SCORE, NUMERIC, List.of(0.5), List.of(0.5), null, 0.0, 1.0),
                RowFactory.create("m", ACTUAL, CATEGORICAL, null, null, List.of("no"), null, null),
                RowFactory.create("r", PREDICTION, NUMERIC, List.of(2.0), List.of(2.0), null, 0.0, 2.0),
                RowFactory.create("r", ACTUAL, NUMERIC, List.of(), List.of(), null, null, null)));

        Map<String, Map<Integer, double[]>> actual = cells(DriftProfiles.profile(DriftRecords.of(rows, labeled), bins,
                new SliceCaps(List.of(), List.of(), OTHER)).collectAsList());

        double nan = Double.NaN;
        Map<String, Map<Integer, double[]>> expected = new TreeMap<>();
        // NaN is above every edge and above the range's max, as in Spark SQL; a null value is the null cell
        expected.put(whole("m", "x", NUMERIC), Map.of(2, new double[] {1, 1, nan, nan}, BIN_NULL, new double[] {1, 0, nan, nan}));
        expected.put(whole("m", PREDICTION, CATEGORICAL), Map.of(1, new double[] {1, 0, nan, nan}, BIN_NULL, new double[] {1, 0, nan, nan}));
        expected.put(whole("m", PREDICTION_SCORE, NUMERIC), Map.of(1, new double[] {1, 0, 0.9, 0.81}));
        expected.put(whole("m", ACTUAL, CATEGORICAL), Map.of(0, new double[] {1, 0, nan, nan}));
        expected.put(whole("m", "e", EMBEDDING), Map.of(BIN_NULL, new double[] {1, 0, nan, nan}));
        expected.put(whole("m", "y", NUMERIC), Map.of(BIN_UNBINNED, new double[] {1, 0, 4.0, 16.0}));
        expected.put(whole("m", "d", CATEGORICAL), Map.of(BIN_UNBINNED, new double[] {1, 0, nan, nan}));
        expected.put(whole("r", PREDICTION, NUMERIC), Map.of(1, new double[] {1, 1, 2.5, 6.25}));
        expected.put(whole("r", ACTUAL, NUMERIC), Map.of(0, new double[] {1, 0, 3.0, 9.0}));
        assertSameCells(expected, actual);
    }

    private static String whole(String model, String column, String type) {
        return model + "|" + key(SIDE_CURRENT, "v1", null, null, column, type);
    }

    private static List<BinSpec> binSpecs(SparkSession spark, List<Row> rows) {
        return spark.createDataFrame(rows, DriftSchemas.BINS).collectAsList().stream().map(BinSpec::of).toList();
    }

    /** The histograms by key: cells of n, n_out, sum, sum_sq (NaN for a null sum). */
    private static Map<String, Map<Integer, double[]>> cells(List<Row> profiles) {
        Map<String, Map<Integer, double[]>> actual = new TreeMap<>();
        for (Row p : profiles) {
            Map<Integer, double[]> cells = new TreeMap<>();
            for (Row cell : p.<Row>getList(p.fieldIndex(HISTOGRAM))) {
                cells.put(cell.<Integer>getAs(BIN), new double[] {cell.<Long>getAs(N), cell.<Long>getAs(N_OUT),
                    cell.isNullAt(cell.fieldIndex(SUM)) ? Double.NaN : cell.<Double>getAs(SUM),
                    cell.isNullAt(cell.fieldIndex(SUM_SQ)) ? Double.NaN : cell.<Double>getAs(SUM_SQ)});
            }
            actual.put(p.getAs(MODEL_ID) + "|" + key(p.getAs(SIDE), p.getAs(MODEL_VERSION), p.getAs(SLICE_KEY), p.getAs(SLICE_VALUE),
                    p.getAs(COLUMN_NAME), p.getAs(COLUMN_TYPE)), cells);
        }
        return actual;
    }

    private static void assertSameCells(Map<String, Map<Integer, double[]>> expected, Map<String, Map<Integer, double[]>> actual) {
        assertEquals(expected.keySet(), actual.keySet());
        for (Map.Entry<String, Map<Integer, double[]>> e : expected.entrySet()) {
            Map<Integer, double[]> got = actual.get(e.getKey());
            assertEquals(e.getValue().keySet(), got.keySet(), e.getKey());
            for (Map.Entry<Integer, double[]> cell : e.getValue().entrySet()) {
                double[] g = got.get(cell.getKey());
                assertNotNull(g);
                for (int i = 0; i < 4; i++) {
                    assertEquals(cell.getValue()[i], g[i], 1e-12, e.getKey() + " bin " + cell.getKey() + " field " + i);
                }
            }
        }
    }

    /** Every record, every slice it belongs to, every column: bin it and count it. */
    private static Map<String, Map<Integer, double[]>> expected() {
        Map<String, Map<Integer, double[]>> out = new TreeMap<>();
        for (Rec r : RECORDS) {
            List<String[]> slices = new ArrayList<>();
            slices.add(new String[] {null, null});
            if (r.region() != null) {
                slices.add(new String[] {"region", "north".equals(r.region()) ? "north" : OTHER});
            }
            if (r.platform() != null) {
                slices.add(new String[] {"platform", "web".equals(r.platform()) ? "web" : OTHER});
            }
            for (String[] s : slices) {
                if (r.x() != null) {
                    double x = r.x();
                    int bin = (int) Arrays.stream(X_EDGES).filter(edge -> edge < x).count();
                    add(out, key(r.side(), r.version(), s[0], s[1], "x", NUMERIC), bin, x < X_MIN || x > X_MAX ? 1 : 0, x);
                }
                if (r.c() != null) {
                    add(out, key(r.side(), r.version(), s[0], s[1], "c", CATEGORICAL), C_CATEGORIES.indexOf(r.c()) + 1, 0, null);
                }
                if (r.e() != null) {
                    for (int d = 0; d < r.e().length; d++) {
                        add(out, key(r.side(), r.version(), s[0], s[1], "e", EMBEDDING), d, 0, r.e()[d]);
                    }
                }
            }
        }
        return out;
    }

    private static void add(Map<String, Map<Integer, double[]>> out, String key, int bin, int nOut, Double value) {
        double[] cell = out.computeIfAbsent("m|" + key, k -> new HashMap<>())
                .computeIfAbsent(bin, b -> new double[] {0, 0, value == null ? Double.NaN : 0, value == null ? Double.NaN : 0});
        cell[0] += 1;
        cell[1] += nOut;
        if (value != null) {
            cell[2] += value;
            cell[3] += value * value;
        }
    }

    private static String key(String side, String version, String sliceKey, String sliceValue, String column, String type) {
        return String.join("|", side, version, String.valueOf(sliceKey), String.valueOf(sliceValue), column, type);
    }
}
