package io.monitoring.quality;

import static io.monitoring.model.Columns.*;
import static io.monitoring.quality.QualityColumns.*;
import static org.junit.jupiter.api.Assertions.*;

import io.monitoring.config.MonitoringConfig;
import io.monitoring.spark.CachedParts;
import io.monitoring.testing.SharedSpark;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.evaluation.RegressionEvaluator;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.mllib.evaluation.MultilabelMetrics;
import org.apache.spark.mllib.evaluation.RankingMetrics;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scala.Tuple2;
import scala.Tuple3;

/**
 * Every model_quality metric against Spark MLlib's evaluators on the same data, to 1e-9. MLlib has
 * no MAPE, mean error, MRR or macro averages: those are checked against a direct computation.
 */
class QualityMetricsMllibTest {
    private static final double TOL = 1e-9;
    private static final Instant T = Instant.parse("2026-02-01T10:15:00Z");
    private static final SparkSession spark = SharedSpark.get();
    private static Row binary;
    private static Row multiclass;
    private static Row regression;
    private static Row ranking;
    private static Row detection;
    private static final List<double[]> binaryData = new ArrayList<>();   // predictedFraud, score, actualFraud
    private static final List<Object[]> multiData = new ArrayList<>();    // predicted, Map scores, actual
    private static final List<double[]> regData = new ArrayList<>();
    private static final List<List<List<String>>> rankData = new ArrayList<>();
    private static final List<List<Double>> rankRel = new ArrayList<>();
    private static final List<List<List<String>>> detData = new ArrayList<>();

    @TempDir
    static Path root;

    @BeforeAll
    static void compute() {
        Random rnd = new Random(7);
        LabeledRows rows = new LabeledRows();
        for (int i = 0; i < 300; i++) {
            boolean predFraud = rnd.nextDouble() < 0.4;
            double score = Math.round((0.5 + 0.5 * rnd.nextDouble()) * 100) / 100.0; // ties on purpose
            boolean right = rnd.nextDouble() < score;
            boolean actualFraud = right == predFraud;
            binaryData.add(new double[] {predFraud ? 1 : 0, score, actualFraud ? 1 : 0});
            rows.classification("bin", T, predFraud ? "fraud" : "legit", score, null, actualFraud ? "fraud" : "legit");
        }
        String[] classes = {"billing", "refund", "shipping"};
        for (int i = 0; i < 300; i++) {
            double a = rnd.nextDouble(), b = rnd.nextDouble(), c = rnd.nextDouble() * 2;
            double s = a + b + c;
            Map<String, Double> scores = new TreeMap<>(Map.of("billing", a / s, "refund", b / s, "shipping", c / s));
            String predicted = scores.entrySet().stream().max(Map.Entry.comparingByValue()).get().getKey();
            String actual = rnd.nextDouble() < 0.6 ? predicted : classes[rnd.nextInt(3)];
            multiData.add(new Object[] {predicted, scores, actual});
            rows.classification("multi", T, predicted, scores.get(predicted), scores, actual);
        }
        for (int i = 0; i < 200; i++) {
            double y = 10 + 50 * rnd.nextDouble();
            double p = y + rnd.nextGaussian() * 5;
            regData.add(new double[] {p, y});
            rows.regression("reg", T, p, y);
        }
        for (int i = 0; i < 150; i++) {
            List<String> ranked = new ArrayList<>();
            for (int j = 0; j < 2 + rnd.nextInt(8); j++) {
                ranked.add("p" + rnd.nextInt(15));
            }
            ranked = new ArrayList<>(new java.util.LinkedHashSet<>(ranked));
            List<String> relevant = new ArrayList<>();
            for (int j = 0; j < rnd.nextInt(5); j++) {
                relevant.add("p" + rnd.nextInt(15));
            }
            relevant = new ArrayList<>(new java.util.LinkedHashSet<>(relevant));
            List<Double> grades = null;
            if (i % 2 == 0 && !relevant.isEmpty()) {  // graded relevance, listed by relevance descending
                grades = new ArrayList<>();
                for (int j = 0; j < relevant.size(); j++) {
                    grades.add((double) (relevant.size() - j));
                }
            }
            rankData.add(List.of(ranked, relevant));
            rankRel.add(grades);
            rows.ranking("rank", T, ranked, relevant, grades);
        }
        String[] objects = {"helmet", "head", "person"};
        for (int i = 0; i < 120; i++) {
            List<String> predicted = new ArrayList<>();
            List<String> actual = new ArrayList<>();
            for (String o : objects) {
                boolean present = rnd.nextDouble() < 0.5;
                if (present) {
                    actual.add(o);
                }
                if (present ? rnd.nextDouble() < 0.8 : rnd.nextDouble() < 0.2) {
                    predicted.add(o);
                }
            }
            detData.add(List.of(predicted, actual));
            rows.detection("det", T, predicted, actual);
        }
        MonitoringConfig config = dayWindowsOnly();
        Dataset<Row> labeled = rows.toDataset(spark);
        long started = System.nanoTime();
        QualityMetrics.Params params = QualityMetrics.Params.of(config);
        Dataset<Row> evaluation = QualityMetrics.evaluationRows(labeled, params).persist();
        System.out.println("evaluation rows: " + evaluation.count() + " after " + (System.nanoTime() - started) / 1_000_000 + " ms");
        List<Row> out;
        try (CachedParts parts = new CachedParts()) {
            out = QualityMetrics.fromRows(evaluation, null, params, parts)
                    .where("granularity = 'day' AND slice_key IS NULL").collectAsList();
        }
        System.out.println("model_quality computed in " + (System.nanoTime() - started) / 1_000_000 + " ms");
        Map<String, Row> byModel = new HashMap<>();
        out.forEach(r -> byModel.put(r.getAs(MODEL_ID), r));
        binary = byModel.get("bin");
        multiclass = byModel.get("multi");
        regression = byModel.get("reg");
        ranking = byModel.get("rank");
        detection = byModel.get("det");
        assertEquals(5, out.size());
    }

    /** Day windows only: every test row lies in one hour, so hour rows would only repeat the day's. */
    private static MonitoringConfig dayWindowsOnly() {
        try {
            Path file = root.resolve("day-only.conf");
            java.nio.file.Files.writeString(file, "monitoring.quality.granularities = [\"day\"]\n");
            return io.monitoring.config.ConfigLoader.load(file.toFile(), Map.of("paths.root", root.toString()));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Map<String, Row> classMetrics(Row row) {
        Map<String, Row> out = new TreeMap<>();
        for (Row c : row.<Row>getList(row.fieldIndex(CLASS_METRICS))) {
            out.put(c.getAs(CLASS_NAME), c);
        }
        return out;
    }

    private static double d(Row r, String name) {
        Object v = r.getAs(name);
        assertNotNull(v, name);
        return ((Number) v).doubleValue();
    }

    // --- classification -------------------------------------------------------------------------

    private static Dataset<Row> binaryFrame() {
        StructType schema = new StructType().add("label", DataTypes.DoubleType).add("prediction", DataTypes.DoubleType)
                .add("rawPrediction", DataTypes.DoubleType).add("probability", new VectorUDT());
        List<Row> rows = new ArrayList<>();
        for (double[] x : binaryData) {
            double pFraud = x[0] == 1 ? x[1] : 1 - x[1];
            // class index: fraud = 0, legit = 1 (sorted names)
            rows.add(RowFactory.create(x[2] == 1 ? 0.0 : 1.0, x[0] == 1 ? 0.0 : 1.0, pFraud, Vectors.dense(pFraud, 1 - pFraud)));
        }
        return spark.createDataFrame(rows, schema);
    }

    private static double multi(Dataset<Row> frame, String metric, Double label) {
        MulticlassClassificationEvaluator e = new MulticlassClassificationEvaluator().setMetricName(metric);
        if (label != null) {
            e.setMetricLabel(label);
        }
        return e.evaluate(frame);
    }

    @Test
    void binaryClassificationMatchesMllib() {
        Dataset<Row> frame = binaryFrame();
        assertEquals(multi(frame, "accuracy", null), d(binary, ACCURACY), TOL);
        assertEquals(multi(frame, "weightedPrecision", null), d(binary, WEIGHTED_PRECISION), TOL);
        assertEquals(multi(frame, "weightedRecall", null), d(binary, WEIGHTED_RECALL), TOL);
        assertEquals(multi(frame, "f1", null), d(binary, WEIGHTED_F1), TOL);
        assertEquals(multi(frame, "logLoss", null), d(binary, LOG_LOSS), TOL);
        Map<String, Row> cm = classMetrics(binary);
        String[] names = {"fraud", "legit"};
        double macroP = 0;
        for (int i = 0; i < 2; i++) {
            Row c = cm.get(names[i]);
            assertEquals(multi(frame, "precisionByLabel", (double) i), d(c, PRECISION), TOL, names[i]);
            assertEquals(multi(frame, "recallByLabel", (double) i), d(c, RECALL), TOL, names[i]);
            assertEquals(multi(frame, "fMeasureByLabel", (double) i), d(c, F1), TOL, names[i]);
            macroP += d(c, PRECISION) / 2;
        }
        assertEquals(macroP, d(binary, MACRO_PRECISION), TOL);

        // fraud is class 0: its one-vs-rest label is (label == 0), its score P(fraud)
        Dataset<Row> fraudVsRest = frame.selectExpr("IF(label = 0.0, 1.0, 0.0) AS label", "rawPrediction");
        BinaryClassificationEvaluator auc = new BinaryClassificationEvaluator().setNumBins(0);
        double roc = auc.setMetricName("areaUnderROC").evaluate(fraudVsRest);
        double pr = auc.setMetricName("areaUnderPR").evaluate(fraudVsRest);
        assertEquals(roc, d(cm.get("fraud"), ROC_AUC), TOL);
        assertEquals(pr, d(cm.get("fraud"), PR_AUC), TOL);
        Dataset<Row> legitVsRest = frame.selectExpr("IF(label = 1.0, 1.0, 0.0) AS label", "1.0 - rawPrediction AS rawPrediction");
        assertEquals(auc.setMetricName("areaUnderPR").evaluate(legitVsRest), d(cm.get("legit"), PR_AUC), TOL);
        assertEquals(roc, d(binary, ROC_AUC), TOL, "binary ROC AUC is the same for both classes");
        assertEquals((pr + d(cm.get("legit"), PR_AUC)) / 2, d(binary, PR_AUC), TOL);
    }

    @Test
    @SuppressWarnings("unchecked")
    void multiclassClassificationMatchesMllib() {
        List<String> names = List.of("billing", "refund", "shipping");
        StructType schema = new StructType().add("label", DataTypes.DoubleType).add("prediction", DataTypes.DoubleType)
                .add("probability", new VectorUDT());
        List<Row> rows = new ArrayList<>();
        for (Object[] x : multiData) {
            Map<String, Double> s = (Map<String, Double>) x[1];
            rows.add(RowFactory.create((double) names.indexOf((String) x[2]), (double) names.indexOf((String) x[0]),
                    Vectors.dense(s.get("billing"), s.get("refund"), s.get("shipping"))));
        }
        Dataset<Row> frame = spark.createDataFrame(rows, schema);
        assertEquals(multi(frame, "accuracy", null), d(multiclass, ACCURACY), TOL);
        assertEquals(multi(frame, "weightedPrecision", null), d(multiclass, WEIGHTED_PRECISION), TOL);
        assertEquals(multi(frame, "weightedRecall", null), d(multiclass, WEIGHTED_RECALL), TOL);
        assertEquals(multi(frame, "f1", null), d(multiclass, WEIGHTED_F1), TOL);
        assertEquals(multi(frame, "logLoss", null), d(multiclass, LOG_LOSS), TOL);
        Map<String, Row> cm = classMetrics(multiclass);
        double macroF1 = 0;
        double macroRoc = 0;
        BinaryClassificationEvaluator auc = new BinaryClassificationEvaluator().setNumBins(0);
        for (int i = 0; i < 3; i++) {
            Row c = cm.get(names.get(i));
            assertEquals(multi(frame, "precisionByLabel", (double) i), d(c, PRECISION), TOL);
            assertEquals(multi(frame, "recallByLabel", (double) i), d(c, RECALL), TOL);
            assertEquals(multi(frame, "fMeasureByLabel", (double) i), d(c, F1), TOL);
            macroF1 += d(c, F1) / 3;
            Dataset<Row> ovr = frame.select(
                    org.apache.spark.sql.functions.expr("IF(label = " + i + ".0, 1.0, 0.0)").as("label"),
                    org.apache.spark.ml.functions.vector_to_array(frame.col("probability"), "float64").getItem(i).as("rawPrediction"));
            double roc = auc.setMetricName("areaUnderROC").evaluate(ovr);
            assertEquals(roc, d(c, ROC_AUC), TOL);
            assertEquals(auc.setMetricName("areaUnderPR").evaluate(ovr), d(c, PR_AUC), TOL);
            macroRoc += roc / 3;
        }
        assertEquals(macroF1, d(multiclass, MACRO_F1), TOL);
        assertEquals(macroRoc, d(multiclass, ROC_AUC), TOL);
        long cells = multiclass.<Row>getList(multiclass.fieldIndex(CONFUSION_MATRIX)).stream().mapToLong(r -> r.getAs(COUNT)).sum();
        assertEquals(300, cells);
    }

    @Test
    void wilsonIntervalsBracketTheProportions() {
        double acc = d(binary, ACCURACY);
        assertTrue(d(binary, ACCURACY_CI_LOW) < acc && acc < d(binary, ACCURACY_CI_HIGH));
        // n = 300, 95%: half-width about 1.96 * sqrt(p(1-p)/n) ~ 0.05
        assertTrue(d(binary, ACCURACY_CI_HIGH) - d(binary, ACCURACY_CI_LOW) < 0.12);
        assertEquals(1.0, d(binary, LABEL_COVERAGE), TOL);
        assertFalse(binary.<Boolean>getAs(PROVISIONAL));
        assertEquals(60.0, d(binary, LABEL_LAG_P50), TOL);
    }

    // --- regression -----------------------------------------------------------------------------

    @Test
    void regressionMatchesMllib() {
        StructType schema = new StructType().add("prediction", DataTypes.DoubleType).add("label", DataTypes.DoubleType);
        List<Row> rows = new ArrayList<>();
        double ape = 0;
        double err = 0;
        for (double[] x : regData) {
            rows.add(RowFactory.create(x[0], x[1]));
            ape += Math.abs((x[0] - x[1]) / x[1]);
            err += x[0] - x[1];
        }
        Dataset<Row> frame = spark.createDataFrame(rows, schema);
        RegressionEvaluator e = new RegressionEvaluator();
        assertEquals(e.setMetricName("mae").evaluate(frame), d(regression, MAE), TOL);
        assertEquals(e.setMetricName("mse").evaluate(frame), d(regression, MSE), TOL);
        assertEquals(e.setMetricName("rmse").evaluate(frame), d(regression, RMSE), TOL);
        assertEquals(e.setMetricName("r2").evaluate(frame), d(regression, R2), TOL);
        assertEquals(ape / regData.size(), d(regression, MAPE), TOL);
        assertEquals(err / regData.size(), d(regression, MEAN_ERROR), TOL);
    }

    // --- ranking --------------------------------------------------------------------------------

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void rankingMatchesMllib() {
        List<Tuple3<Object, Object, double[]>> triples = new ArrayList<>();
        List<Tuple3<Object, Object, double[]>> binaryTriples = new ArrayList<>();
        double rr = 0;
        for (int i = 0; i < rankData.size(); i++) {
            List<String> ranked = rankData.get(i).get(0);
            List<String> relevant = rankData.get(i).get(1);
            List<Double> grades = rankRel.get(i);
            double[] rel = grades == null ? new double[0] : grades.stream().mapToDouble(Double::doubleValue).toArray();
            triples.add(new Tuple3<>(ranked.toArray(new String[0]), relevant.toArray(new String[0]), rel));
            binaryTriples.add(new Tuple3<>(ranked.toArray(new String[0]), relevant.toArray(new String[0]), new double[0]));
            for (int j = 0; j < ranked.size(); j++) {
                if (relevant.contains(ranked.get(j))) {
                    rr += 1.0 / (j + 1);
                    break;
                }
            }
        }
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        scala.reflect.ClassTag<String> tag = scala.reflect.ClassTag$.MODULE$.apply(String.class);
        RankingMetrics graded = new RankingMetrics(jsc.parallelize(triples, 2).rdd(), tag);
        RankingMetrics plain = new RankingMetrics(jsc.parallelize(binaryTriples, 2).rdd(), tag);
        List<Row> atK = ranking.getList(ranking.fieldIndex(RANKING_AT_K));
        assertEquals(4, atK.size());
        for (Row cut : atK) {
            int k = cut.getAs(K);
            assertEquals(graded.ndcgAt(k), d(cut, NDCG), TOL, "ndcg@" + k);
            assertEquals(plain.meanAveragePrecisionAt(k), d(cut, MAP), TOL, "map@" + k);
            assertEquals(plain.precisionAt(k), d(cut, PRECISION), TOL, "precision@" + k);
            assertEquals(plain.recallAt(k), d(cut, RECALL), TOL, "recall@" + k);
        }
        assertEquals(rr / rankData.size(), d(ranking, MRR), TOL);
    }

    // --- detection ------------------------------------------------------------------------------

    @Test
    void detectionMatchesMllibMultilabel() {
        List<String> names = List.of("head", "helmet", "person");
        List<Tuple2<double[], double[]>> pairs = new ArrayList<>();
        for (List<List<String>> x : detData) {
            pairs.add(new Tuple2<>(x.get(0).stream().mapToDouble(names::indexOf).toArray(), x.get(1).stream().mapToDouble(names::indexOf).toArray()));
        }
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        MultilabelMetrics m = new MultilabelMetrics(jsc.parallelize(pairs, 2).rdd());
        Map<String, Row> cm = classMetrics(detection);
        for (int i = 0; i < names.size(); i++) {
            Row c = cm.get(names.get(i));
            assertEquals(m.precision(i), d(c, PRECISION), TOL, names.get(i));
            assertEquals(m.recall(i), d(c, RECALL), TOL, names.get(i));
            assertEquals(m.f1Measure(i), d(c, F1), TOL, names.get(i));
        }
        assertEquals("detection", detection.getAs(PREDICTION_KIND));
        assertEquals(120L, (long) detection.<Long>getAs(NUM_EVALUATED));
    }
}
