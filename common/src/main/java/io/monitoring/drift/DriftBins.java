package io.monitoring.drift;

import static io.monitoring.drift.DriftColumns.*;

import io.monitoring.config.MonitoringConfig;
import io.monitoring.spark.columnar.ColumnarRows;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.unsafe.types.UTF8String;
import scala.collection.JavaConverters;

/**
 * The bins of each model column, from the baseline's records ({@link DriftRecords}), in one
 * pass over each part ({@link PartitionSketches}) whose per-partition sketches are added up on the driver: numeric
 * edges are baseline percentiles from the digest {@code percentile_approx} uses (NaN and nulls left
 * out), categories are the baseline's top K. Rows of {@link DriftSchemas#BINS}, by model, type and column.
 */
public final class DriftBins {
    private DriftBins() {}

    public static List<Row> compute(DriftRecords records, MonitoringConfig.Drift settings) {
        double relativeError = 1.0 / settings.percentileAccuracy();
        List<ColumnSketch.Result> parts = new ArrayList<>();
        for (Dataset<Row> part : records.parts()) {
            RecordLayout layout = RecordLayout.of(part.schema());
            parts.addAll(ColumnarRows.of(part)
                    .mapPartitions(rows -> new PartitionSketches(layout, relativeError).sketch(rows))
                    .collect());
        }
        Map<List<String>, ColumnSketch.Merged> merged = new TreeMap<>(Comparator.comparing((List<String> k) -> k.get(0))
                .thenComparing(k -> k.get(1)).thenComparing(k -> k.get(2)));
        for (ColumnSketch.Result r : parts) {
            merged.computeIfAbsent(List.of(r.model(), r.type(), r.column()), k -> new ColumnSketch.Merged()).add(r);
        }
        List<Row> out = new ArrayList<>();
        merged.forEach((key, sketch) -> {
            Row bins = switch (key.get(1)) {
                case NUMERIC -> numeric(key.get(0), key.get(2), sketch, settings);
                case CATEGORICAL -> categorical(key.get(0), key.get(2), sketch, settings.maxCategories());
                default -> row(key.get(0), key.get(2), EMBEDDING, null, null, null, null, null);
            };
            if (bins != null) {
                out.add(bins);
            }
        });
        return out;
    }

    /**
     * Fine edges: the distinct baseline percentiles 1/F .. (F-1)/F (F = ks-bins); PSI edges: every
     * (F/P)-th of them, i.e. the baseline's 1/P quantiles (P = psi-bins). A value's bin is the
     * number of edges below it. None for a column without a number.
     */
    static Row numeric(String model, String column, ColumnSketch.Merged sketch, MonitoringConfig.Drift settings) {
        if (sketch.numbers() == 0) {
            return null;
        }
        int fine = settings.ksBins();
        int step = fine / settings.psiBins();
        double[] percentages = new double[fine - 1];
        for (int i = 1; i < fine; i++) {
            percentages[i - 1] = (double) i / fine;
        }
        double[] pct = sketch.percentiles(percentages);
        List<Double> psi = new ArrayList<>();
        for (int i = 1; i < settings.psiBins(); i++) {
            psi.add(pct[i * step - 1]);
        }
        return row(model, column, NUMERIC, distinct(Arrays.stream(pct).boxed().toList()), distinct(psi), null,
                sketch.min(), sketch.max());
    }

    /** The K most frequent categories, most frequent first (ties by name, in Spark's byte order); the rest is bin 0, "other". */
    static Row categorical(String model, String column, ColumnSketch.Merged sketch, int maxCategories) {
        if (sketch.categoryCounts().isEmpty()) {
            return null;
        }
        List<Map.Entry<String, Long>> ranked = new ArrayList<>(sketch.categoryCounts().entrySet());
        ranked.sort(Comparator.comparing((Map.Entry<String, Long> e) -> -e.getValue())
                .thenComparing(e -> UTF8String.fromString(e.getKey())));
        List<String> categories = ranked.stream().limit(maxCategories).map(Map.Entry::getKey).toList();
        return row(model, column, CATEGORICAL, null, null, categories, null, null);
    }

    private static List<Double> distinct(List<Double> values) {
        return new ArrayList<>(new LinkedHashSet<>(values));
    }

    /** A row with the {@link DriftSchemas#BINS} schema, its arrays as Scala sequences, as a collected row has them. */
    private static Row row(String model, String column, String type, List<Double> edges, List<Double> psiEdges,
            List<String> categories, Double min, Double max) {
        return new GenericRowWithSchema(new Object[] {model, column, type, seq(edges), seq(psiEdges), seq(categories), min, max},
                DriftSchemas.BINS);
    }

    private static Object seq(List<?> values) {
        return values == null ? null : JavaConverters.asScalaBuffer(values).toList();
    }
}
