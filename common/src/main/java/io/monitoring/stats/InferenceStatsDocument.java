package io.monitoring.stats;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.monitoring.stats.GroupStats.Period;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Builds the {@code GET /:workspace/inference-stats} document (seed 002) from merged group
 * aggregates; pure, no Spark. The rules, also in docs/inference-stats.md:
 * <ul>
 *   <li>one row per (model_name, predicted_class) present in either period; every value of a period
 *       in which the row's group is absent is null (including model_num_inferences), and a present
 *       group without confidence or latency values reports 0 (the JSON integer 0, as the seed does);</li>
 *   <li>avg_response_time in seconds; median_confidence and class_count only for the current period;</li>
 *   <li>deployment_types / inference_server_versions: sorted distinct values joined with ",", from the
 *       current period when the group is present there, else from the previous one;</li>
 *   <li>rows by the model's inferences over both periods, descending, then model_name; within a
 *       model by the class's inferences over both periods, descending, then "" last, then
 *       predicted_class (this reproduces the seed example's order);</li>
 *   <li>top level: sums over all models; avg_confidence weighted over all class predictions; 0 when
 *       a period has no data.</li>
 * </ul>
 */
public final class InferenceStatsDocument {
    public static final List<String> TOP_LEVEL_KEYS = List.of(
            "num_inferences", "prev_num_inferences", "num_errors", "prev_num_errors",
            "avg_confidence", "prev_avg_confidence", "avg_response_time", "prev_avg_response_time",
            "inference_stats");
    public static final List<String> ROW_KEYS = List.of(
            "model_name", "predicted_class", "num_inferences", "prev_num_inferences", "num_errors",
            "prev_num_errors", "avg_confidence", "prev_avg_confidence", "avg_response_time",
            "prev_avg_response_time", "median_confidence", "class_count", "deployment_types",
            "inference_server_versions", "model_num_inferences", "prev_model_num_inferences");

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final BigDecimal MS_PER_SECOND = BigDecimal.valueOf(1000);

    private InferenceStatsDocument() {}

    public static ObjectNode build(Collection<GroupStats> groups) {
        Map<String, GroupStats> modelCur = new HashMap<>();
        Map<String, GroupStats> modelPrev = new HashMap<>();
        Map<RowKey, GroupStats> classCur = new HashMap<>();
        Map<RowKey, GroupStats> classPrev = new HashMap<>();
        for (GroupStats g : groups) {
            boolean cur = g.period() == Period.CURRENT;
            if (g.isModelLevel()) {
                (cur ? modelCur : modelPrev).put(g.modelId(), g);
            } else {
                RowKey key = new RowKey(g.modelId(), g.predictedClass());
                (cur ? classCur : classPrev).put(key, g);
            }
        }

        ObjectNode doc = NODES.objectNode();
        Totals now = Totals.of(modelCur.values());
        Totals before = Totals.of(modelPrev.values());
        doc.put("num_inferences", now.inferences);
        doc.put("prev_num_inferences", before.inferences);
        doc.put("num_errors", now.errors);
        doc.put("prev_num_errors", before.errors);
        doc.set("avg_confidence", ratio(now.confidenceSum, now.confidenceCount, BigDecimal.ONE));
        doc.set("prev_avg_confidence", ratio(before.confidenceSum, before.confidenceCount, BigDecimal.ONE));
        doc.set("avg_response_time", ratio(now.latencySumMs, now.latencyCount, MS_PER_SECOND));
        doc.set("prev_avg_response_time", ratio(before.latencySumMs, before.latencyCount, MS_PER_SECOND));

        ArrayNode rows = doc.putArray("inference_stats");
        for (RowKey key : orderedRows(classCur, classPrev, modelCur, modelPrev)) {
            rows.add(row(key, classCur.get(key), classPrev.get(key), modelCur.get(key.model), modelPrev.get(key.model)));
        }
        return doc;
    }

    /** The published bytes: UTF-8, two-space indentation, keys in builder order, a final newline. */
    public static byte[] toBytes(JsonNode document) {
        try {
            return (MAPPER.writeValueAsString(document) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode row(RowKey key, GroupStats cur, GroupStats prev, GroupStats modelCur, GroupStats modelPrev) {
        ObjectNode row = NODES.objectNode();
        row.put("model_name", key.model);
        row.put("predicted_class", key.cls);
        row.set("num_inferences", cur == null ? null : NODES.numberNode(cur.numInferences()));
        row.set("prev_num_inferences", prev == null ? null : NODES.numberNode(prev.numInferences()));
        row.set("num_errors", cur == null ? null : NODES.numberNode(cur.numErrors()));
        row.set("prev_num_errors", prev == null ? null : NODES.numberNode(prev.numErrors()));
        row.set("avg_confidence", cur == null ? null : ratio(cur.confidenceSum(), cur.confidenceCount(), BigDecimal.ONE));
        row.set("prev_avg_confidence", prev == null ? null : ratio(prev.confidenceSum(), prev.confidenceCount(), BigDecimal.ONE));
        row.set("avg_response_time", cur == null ? null : ratio(cur.latencySumMs(), cur.latencyCount(), MS_PER_SECOND));
        row.set("prev_avg_response_time", prev == null ? null : ratio(prev.latencySumMs(), prev.latencyCount(), MS_PER_SECOND));
        row.set("median_confidence", cur == null ? null
                : cur.medianConfidence() == null ? NODES.numberNode(0) : NODES.numberNode(cur.medianConfidence()));
        row.set("class_count", cur == null ? null : NODES.numberNode(cur.classCount()));
        GroupStats facts = cur != null ? cur : prev;
        row.put("deployment_types", joined(facts.deploymentTypes()));
        row.put("inference_server_versions", joined(facts.serverVersions()));
        row.set("model_num_inferences", cur == null || modelCur == null ? null : NODES.numberNode(modelCur.numInferences()));
        row.set("prev_model_num_inferences", prev == null || modelPrev == null ? null : NODES.numberNode(modelPrev.numInferences()));
        return row;
    }

    private static List<RowKey> orderedRows(Map<RowKey, GroupStats> classCur, Map<RowKey, GroupStats> classPrev,
            Map<String, GroupStats> modelCur, Map<String, GroupStats> modelPrev) {
        Set<RowKey> keys = new LinkedHashSet<>(classCur.keySet());
        keys.addAll(classPrev.keySet());
        Comparator<RowKey> order = Comparator
                .comparingLong((RowKey k) -> -(inferences(modelCur.get(k.model)) + inferences(modelPrev.get(k.model))))
                .thenComparing(k -> k.model)
                .thenComparingLong(k -> -(inferences(classCur.get(k)) + inferences(classPrev.get(k))))
                .thenComparing(k -> k.cls.isEmpty())
                .thenComparing(k -> k.cls);
        List<RowKey> ordered = new ArrayList<>(keys);
        ordered.sort(order);
        return ordered;
    }

    private static long inferences(GroupStats g) {
        return g == null ? 0 : g.numInferences();
    }

    /** sum / (count * unit) as a double; the integer 0 when there is nothing to average. */
    private static JsonNode ratio(BigDecimal sum, long count, BigDecimal unit) {
        if (count == 0) {
            return NODES.numberNode(0);
        }
        return NODES.numberNode(sum.divide(unit.multiply(BigDecimal.valueOf(count)), MathContext.DECIMAL128).doubleValue());
    }

    private static String joined(List<String> values) {
        return String.join(",", new TreeSet<>(values));
    }

    private record RowKey(String model, String cls) {
        RowKey {
            Objects.requireNonNull(model);
            cls = cls == null ? InferenceStatsAggregation.NO_CLASS : cls;
        }
    }

    private static final class Totals {
        long inferences;
        long errors;
        BigDecimal confidenceSum = BigDecimal.ZERO;
        long confidenceCount;
        BigDecimal latencySumMs = BigDecimal.ZERO;
        long latencyCount;

        static Totals of(Collection<GroupStats> models) {
            Totals t = new Totals();
            for (GroupStats g : models) {
                t.inferences += g.numInferences();
                t.errors += g.numErrors();
                t.confidenceSum = t.confidenceSum.add(g.confidenceSum());
                t.confidenceCount += g.confidenceCount();
                t.latencySumMs = t.latencySumMs.add(g.latencySumMs());
                t.latencyCount += g.latencyCount();
            }
            return t;
        }
    }
}
