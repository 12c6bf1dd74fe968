package io.monitoring.jobs;

import static io.monitoring.model.Columns.*;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.monitoring.config.MonitoringConfig;
import io.monitoring.stats.InferenceStatsRequest;
import io.monitoring.stats.TimeWindow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.spark.sql.Row;

/**
 * A second, deliberately plain computation of the stats document straight from raw
 * {@code inferences} rows, sharing no code with the product: loops and lists, exact medians.
 * {@link #sortedConfidences} keeps each row's values so a sketch median can be judged by its rank.
 */
final class ReferenceStats {
    final ObjectNode document;
    final Map<String, List<Double>> sortedConfidences = new HashMap<>();

    private static final JsonNodeFactory N = JsonNodeFactory.instance;

    /** What one (model, class) or one model saw in one period. */
    private static final class Acc {
        long inferences;
        long errors;
        long predictions;
        final List<Double> confidences = new ArrayList<>();
        final List<Double> latencies = new ArrayList<>();
        final TreeSet<String> deployments = new TreeSet<>();
        final TreeSet<String> versions = new TreeSet<>();
    }

    ReferenceStats(List<Row> inferences, MonitoringConfig config, InferenceStatsRequest request) {
        TimeWindow cur = request.range();
        TimeWindow prev = request.previousRange();
        Map<String, Acc> modelCur = new LinkedHashMap<>();
        Map<String, Acc> modelPrev = new LinkedHashMap<>();
        Map<List<String>, Acc> rowCur = new LinkedHashMap<>();
        Map<List<String>, Acc> rowPrev = new LinkedHashMap<>();
        for (Row r : inferences) {
            String model = r.getAs(MODEL_ID);
            Instant t = r.getAs(EVENT_TIME);
            Map<String, String> tags = r.getJavaMap(r.fieldIndex(TAGS));
            if (!"production".equals(r.getAs(ENVIRONMENT))
                    || !config.models().workspaceOf(model).equals(request.workspace())
                    || (!request.models().isEmpty() && !request.models().contains(model))
                    || (request.slice() != null && !request.slice().value().equals(tags.get(request.slice().key())))) {
                continue;
            }
            boolean isCur = cur.contains(t);
            if (!isCur && !prev.contains(t)) {
                continue;
            }
            Map<String, Acc> models = isCur ? modelCur : modelPrev;
            Map<List<String>, Acc> rows = isCur ? rowCur : rowPrev;
            boolean error = r.getAs(IS_ERROR);
            Double latency = r.getAs(LATENCY_MS);
            String deployment = firstTag(tags, config.stats().deploymentTypeKeys());
            String version = firstTag(tags, config.stats().serverVersionKeys());

            List<String> classes = new ArrayList<>();
            List<Double> confidences = new ArrayList<>();
            String kind = r.getAs(PREDICTION_KIND);
            if (!error && "detection".equals(kind) && r.getAs(PREDICTION_DETECTIONS) != null) {
                for (Row box : r.<Row>getList(r.fieldIndex(PREDICTION_DETECTIONS))) {
                    classes.add(box.getString(0));
                    confidences.add(box.isNullAt(1) ? null : box.getDouble(1));
                }
            } else if (!error && "classification".equals(kind) && r.getAs(PREDICTION_LABEL) != null) {
                classes.add(r.getAs(PREDICTION_LABEL));
                confidences.add(r.getAs(PREDICTION_SCORE));
            }
            if (classes.isEmpty()) {
                classes.add("");
                confidences.add(null);
            }

            Acc m = models.computeIfAbsent(model, k -> new Acc());
            m.inferences++;
            m.errors += error ? 1 : 0;
            if (latency != null) {
                m.latencies.add(latency);
            }
            for (Double c : confidences) {
                if (c != null) {
                    m.confidences.add(c);
                }
            }
            for (String cls : new TreeSet<>(classes)) {
                Acc a = rows.computeIfAbsent(List.of(model, cls), k -> new Acc());
                a.inferences++;
                a.errors += error ? 1 : 0;
                if (latency != null) {
                    a.latencies.add(latency);
                }
                if (deployment != null) {
                    a.deployments.add(deployment);
                }
                if (version != null) {
                    a.versions.add(version);
                }
                for (int i = 0; i < classes.size(); i++) {
                    if (classes.get(i).equals(cls)) {
                        a.predictions++;
                        if (confidences.get(i) != null) {
                            a.confidences.add(confidences.get(i));
                        }
                    }
                }
            }
        }

        document = N.objectNode();
        document.put("num_inferences", modelCur.values().stream().mapToLong(a -> a.inferences).sum());
        document.put("prev_num_inferences", modelPrev.values().stream().mapToLong(a -> a.inferences).sum());
        document.put("num_errors", modelCur.values().stream().mapToLong(a -> a.errors).sum());
        document.put("prev_num_errors", modelPrev.values().stream().mapToLong(a -> a.errors).sum());
        document.set("avg_confidence", mean(modelCur.values().stream().flatMap(a -> a.confidences.stream()).toList(), 1));
        document.set("prev_avg_confidence", mean(modelPrev.values().stream().flatMap(a -> a.confidences.stream()).toList(), 1));
        document.set("avg_response_time", mean(modelCur.values().stream().flatMap(a -> a.latencies.stream()).toList(), 1000));
        document.set("prev_avg_response_time", mean(modelPrev.values().stream().flatMap(a -> a.latencies.stream()).toList(), 1000));

        List<List<String>> keys = new ArrayList<>(rowCur.keySet());
        rowPrev.keySet().stream().filter(k -> !rowCur.containsKey(k)).forEach(keys::add);
        keys.sort(Comparator
                .comparingLong((List<String> k) -> -(count(modelCur.get(k.get(0))) + count(modelPrev.get(k.get(0)))))
                .thenComparing(k -> k.get(0))
                .thenComparingLong(k -> -(count(rowCur.get(k)) + count(rowPrev.get(k))))
                .thenComparing(k -> k.get(1).isEmpty())
                .thenComparing(k -> k.get(1)));
        ArrayNode rows = document.putArray("inference_stats");
        for (List<String> k : keys) {
            Acc c = rowCur.get(k);
            Acc p = rowPrev.get(k);
            ObjectNode row = rows.addObject();
            row.put("model_name", k.get(0));
            row.put("predicted_class", k.get(1));
            row.set("num_inferences", c == null ? null : N.numberNode(c.inferences));
            row.set("prev_num_inferences", p == null ? null : N.numberNode(p.inferences));
            row.set("num_errors", c == null ? null : N.numberNode(c.errors));
            row.set("prev_num_errors", p == null ? null : N.numberNode(p.errors));
            row.set("avg_confidence", c == null ? null : mean(c.confidences, 1));
            row.set("prev_avg_confidence", p == null ? null : mean(p.confidences, 1));
            row.set("avg_response_time", c == null ? null : mean(c.latencies, 1000));
            row.set("prev_avg_response_time", p == null ? null : mean(p.latencies, 1000));
            List<Double> sorted = c == null ? List.of() : c.confidences.stream().sorted().toList();
            sortedConfidences.put(k.get(0) + "/" + k.get(1), sorted);
            row.set("median_confidence", c == null ? null : sorted.isEmpty() ? N.numberNode(0) : N.numberNode(sorted.get(sorted.size() / 2)));
            row.set("class_count", c == null ? null : N.numberNode(c.predictions));
            Acc facts = c != null ? c : p;
            row.put("deployment_types", String.join(",", facts.deployments));
            row.put("inference_server_versions", String.join(",", facts.versions));
            row.set("model_num_inferences", c == null ? null : N.numberNode(modelCur.get(k.get(0)).inferences));
            row.set("prev_model_num_inferences", p == null ? null : N.numberNode(modelPrev.get(k.get(0)).inferences));
        }
    }

    private static long count(Acc a) {
        return a == null ? 0 : a.inferences;
    }

    private static com.fasterxml.jackson.databind.JsonNode mean(List<Double> values, double unit) {
        if (values.isEmpty()) {
            return N.numberNode(0);
        }
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return N.numberNode(sum / values.size() / unit);
    }

    private static String firstTag(Map<String, String> tags, List<String> keys) {
        for (String k : keys) {
            if (tags.containsKey(k)) {
                return tags.get(k);
            }
        }
        return null;
    }
}
