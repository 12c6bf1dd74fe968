package io.monitoring.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map_keys;

import com.amazon.deequ.analyzers.Analyzer;
import com.amazon.deequ.analyzers.ApproxQuantiles;
import com.amazon.deequ.analyzers.Completeness;
import com.amazon.deequ.analyzers.Histogram;
import com.amazon.deequ.analyzers.KLLParameters;
import com.amazon.deequ.analyzers.KLLSketch;
import com.amazon.deequ.analyzers.Mean;
import com.amazon.deequ.analyzers.Size;
import com.amazon.deequ.analyzers.StandardDeviation;
import com.amazon.deequ.analyzers.runners.AnalysisRunner;
import com.amazon.deequ.analyzers.runners.AnalyzerContext;
import com.amazon.deequ.metrics.Metric;
import io.monitoring.model.Columns;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import scala.Option;
import scala.collection.JavaConverters;

/**
 * Amazon Deequ's profile of the same day's production inferences: per model and feature the count
 * (Size, Completeness), mean, standard deviation, approximate deciles and a 10-bucket KLL histogram of
 * every numeric feature, and the value histogram of every categorical feature. Deequ profiles columns,
 * so the product's feature maps are first flattened into a Delta table (one column per feature name,
 * timed apart as {@code deequ.prepare}); then one {@code AnalysisRunner} run per model on that model's
 * rows ({@code deequ.profile}). Slices and embeddings are the product's extra work: Deequ is not asked
 * for them.
 */
final class DeequBaseline {
    private static final String NUMERIC_PREFIX = "n__";
    private static final String CATEGORICAL_PREFIX = "c__";
    private static final int HISTOGRAM_BUCKETS = 10;
    private static final List<Object> DECILES = List.of(0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9);

    private final SparkSession spark;

    DeequBaseline(SparkSession spark) {
        this.spark = spark;
    }

    /** The features each model has on that day, numeric and categorical. */
    record ModelFeatures(List<String> numeric, List<String> categorical) {}

    /** Flattens the day's production inferences into {@code flatPath}; returns each model's features. */
    Map<String, ModelFeatures> prepare(String inferencesPath, LocalDate day, Path flatPath) {
        Dataset<Row> rows = spark.read().format("delta").load(inferencesPath)
                .where(col(Columns.EVENT_DATE).equalTo(lit(day)))
                .where(col(Columns.ENVIRONMENT).equalTo(lit("production")));
        Map<String, TreeSet<String>> numeric = keys(rows, Columns.NUMERIC_FEATURES);
        Map<String, TreeSet<String>> categorical = keys(rows, Columns.CATEGORICAL_FEATURES);
        List<Column> columns = new ArrayList<>();
        columns.add(col(Columns.MODEL_ID));
        for (String f : union(numeric)) {
            columns.add(element_at(col(Columns.NUMERIC_FEATURES), lit(f)).as(NUMERIC_PREFIX + f));
        }
        for (String f : union(categorical)) {
            columns.add(element_at(col(Columns.CATEGORICAL_FEATURES), lit(f)).as(CATEGORICAL_PREFIX + f));
        }
        rows.select(columns.toArray(new Column[0])).write().format("delta").mode(SaveMode.Overwrite)
                .partitionBy(Columns.MODEL_ID).save(flatPath.toString());
        Map<String, ModelFeatures> out = new TreeMap<>();
        TreeSet<String> models = new TreeSet<>(numeric.keySet());
        models.addAll(categorical.keySet());
        for (String m : models) {
            out.put(m, new ModelFeatures(List.copyOf(numeric.getOrDefault(m, new TreeSet<>())),
                    List.copyOf(categorical.getOrDefault(m, new TreeSet<>()))));
        }
        return out;
    }

    /** Runs the profile; returns the rows profiled and how many metrics Deequ computed (and how many failed). */
    Stopwatch.Outcome profile(Path flatPath, Map<String, ModelFeatures> features) {
        Dataset<Row> flat = spark.read().format("delta").load(flatPath.toString());
        long rows = 0;
        long metrics = 0;
        long failed = 0;
        for (Map.Entry<String, ModelFeatures> e : features.entrySet()) {
            Dataset<Row> data = flat.where(col(Columns.MODEL_ID).equalTo(lit(e.getKey())));
            List<Analyzer<?, Metric<?>>> analyzers = analyzers(e.getValue());
            AnalyzerContext result = AnalysisRunner.onData(data)
                    .addAnalyzers(JavaConverters.asScalaBuffer(analyzers).toSeq())
                    .run();
            for (Metric<?> metric : JavaConverters.seqAsJavaList(result.allMetrics())) {
                metrics++;
                if (metric.value().isFailure()) {
                    failed++;
                }
            }
            Option<Metric<?>> size = result.metric(analyzers.get(0));
            if (size.isDefined() && size.get().value().isSuccess()) {
                rows += Math.round((Double) size.get().value().get());
            }
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("models", features.size());
        detail.put("numeric_features", features.values().stream().mapToInt(f -> f.numeric().size()).sum());
        detail.put("categorical_features", features.values().stream().mapToInt(f -> f.categorical().size()).sum());
        detail.put("metrics", metrics);
        detail.put("failed_metrics", failed);
        return new Stopwatch.Outcome(rows, detail);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static List<Analyzer<?, Metric<?>>> analyzers(ModelFeatures features) {
        Option<String> all = Option.empty();
        List<Analyzer> out = new ArrayList<>();
        out.add(new Size(all));
        for (String f : features.numeric()) {
            String c = NUMERIC_PREFIX + f;
            out.add(new Completeness(c, all, Option.empty()));
            out.add(new Mean(c, all));
            out.add(new StandardDeviation(c, all));
            out.add(new ApproxQuantiles(c, JavaConverters.asScalaBuffer(DECILES).toSeq(), ApproxQuantiles.apply$default$3()));
            out.add(new KLLSketch(c, Option.apply(new KLLParameters(KLLSketch.DEFAULT_SKETCH_SIZE(),
                    KLLSketch.DEFAULT_SHRINKING_FACTOR(), HISTOGRAM_BUCKETS))));
        }
        for (String f : features.categorical()) {
            String c = CATEGORICAL_PREFIX + f;
            out.add(new Completeness(c, all, Option.empty()));
            out.add(new Histogram(c, Histogram.apply$default$2(), Histogram.apply$default$3(), all,
                    Histogram.apply$default$5(), Histogram.apply$default$6()));
        }
        return (List) out;
    }

    private static Map<String, TreeSet<String>> keys(Dataset<Row> rows, String mapColumn) {
        Map<String, TreeSet<String>> out = new TreeMap<>();
        for (Row r : rows.select(col(Columns.MODEL_ID), explode(map_keys(col(mapColumn))).as("k")).distinct().collectAsList()) {
            out.computeIfAbsent(r.getString(0), m -> new TreeSet<>()).add(r.getString(1));
        }
        return out;
    }

    private static TreeSet<String> union(Map<String, TreeSet<String>> byModel) {
        TreeSet<String> all = new TreeSet<>();
        byModel.values().forEach(all::addAll);
        return all;
    }
}
