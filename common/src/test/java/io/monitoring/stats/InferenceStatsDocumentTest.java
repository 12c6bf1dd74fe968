package io.monitoring.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.monitoring.stats.GroupStats.Period;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The document rules on hand-made group aggregates: no Spark. */
class InferenceStatsDocumentTest {
    private static GroupStats model(Period p, String model, long inferences, long errors, String confSum, long confCount,
            String latSum, long latCount) {
        return new GroupStats(p, "model", model, null, inferences, errors, 0, new BigDecimal(confSum), confCount,
                new BigDecimal(latSum), latCount, null, List.of("hosted"), List.of("1.0"));
    }

    private static GroupStats cls(Period p, String model, String cls, long inferences, long classCount, String confSum,
            long confCount, String latSum, long latCount, Double median, List<String> deployments, List<String> versions) {
        return new GroupStats(p, "class", model, cls, inferences, 0, classCount, new BigDecimal(confSum), confCount,
                new BigDecimal(latSum), latCount, median, deployments, versions);
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            names.add(it.next());
        }
        return names;
    }

    private static JsonNode row(ObjectNode doc, String model, String cls) {
        for (JsonNode r : doc.get("inference_stats")) {
            if (r.get("model_name").asText().equals(model) && r.get("predicted_class").asText().equals(cls)) {
                return r;
            }
        }
        throw new AssertionError("no row " + model + "/" + cls);
    }

    @Test
    void noDataGivesZerosAndNoRows() {
        ObjectNode doc = InferenceStatsDocument.build(List.of());
        assertEquals(InferenceStatsDocument.TOP_LEVEL_KEYS, names(doc));
        assertEquals("{\"num_inferences\":0,\"prev_num_inferences\":0,\"num_errors\":0,\"prev_num_errors\":0,"
                + "\"avg_confidence\":0,\"prev_avg_confidence\":0,\"avg_response_time\":0,\"prev_avg_response_time\":0,"
                + "\"inference_stats\":[]}", doc.toString());
    }

    @Test
    void averagesAreWeightedLatencyIsInSecondsAndTotalsSpanAllModels() {
        ObjectNode doc = InferenceStatsDocument.build(List.of(
                model(Period.CURRENT, "a", 3, 1, "2.4", 4, "300", 2),
                cls(Period.CURRENT, "a", "x", 2, 4, "2.4", 4, "300", 2, 0.6, List.of(), List.of()),
                cls(Period.CURRENT, "a", "", 1, 1, "0", 0, "0", 0, null, List.of(), List.of()),
                model(Period.CURRENT, "b", 1, 0, "0.2", 1, "50", 1),
                cls(Period.CURRENT, "b", "y", 1, 1, "0.2", 1, "50", 1, 0.2, List.of(), List.of())));
        assertEquals(4, doc.get("num_inferences").asLong());
        assertEquals(1, doc.get("num_errors").asLong());
        assertEquals(2.6 / 5, doc.get("avg_confidence").asDouble(), 1e-15, "weighted over all 5 class predictions");
        assertEquals(0.35 / 3, doc.get("avg_response_time").asDouble(), 1e-15, "ms / 1000 over all 3 timed inferences");

        JsonNode x = row(doc, "a", "x");
        assertEquals(InferenceStatsDocument.ROW_KEYS, names(x));
        assertEquals(0.6, x.get("avg_confidence").asDouble(), 1e-15);
        assertEquals(0.15, x.get("avg_response_time").asDouble(), 1e-15);
        assertEquals(0.6, x.get("median_confidence").asDouble());
        assertEquals(4, x.get("class_count").asLong());
        assertEquals(3, x.get("model_num_inferences").asLong(), "all inferences of the model");
    }

    @Test
    void aPresentGroupWithoutValuesReportsIntegerZeroAndAnAbsentOneNull() {
        ObjectNode doc = InferenceStatsDocument.build(List.of(
                model(Period.CURRENT, "a", 1, 0, "0", 0, "0", 0),
                cls(Period.CURRENT, "a", "", 1, 1, "0", 0, "0", 0, null, List.of("hosted"), List.of("0.16.0"))));
        JsonNode empty = row(doc, "a", "");
        assertTrue(empty.get("avg_confidence").isInt() && empty.get("avg_confidence").asInt() == 0);
        assertTrue(empty.get("avg_response_time").isInt());
        assertTrue(empty.get("median_confidence").isInt());
        for (String key : List.of("prev_num_inferences", "prev_num_errors", "prev_avg_confidence", "prev_avg_response_time",
                "prev_model_num_inferences")) {
            assertTrue(empty.get(key).isNull(), key);
        }
        assertEquals(0, empty.get("num_errors").asLong());
        assertTrue(doc.get("prev_avg_confidence").isInt(), "top level: 0 for an empty period");
    }

    @Test
    void aRowAbsentNowIsNullNowEvenIfItsModelIsPresentAndTakesItsFactsFromBefore() {
        ObjectNode doc = InferenceStatsDocument.build(List.of(
                model(Period.CURRENT, "a", 5, 0, "4.5", 5, "0", 0),
                cls(Period.CURRENT, "a", "x", 5, 5, "4.5", 5, "0", 0, 0.9, List.of("edge", "hosted"), List.of("0.15.3", "0.16.0")),
                model(Period.PREVIOUS, "a", 7, 2, "6.3", 7, "70", 7),
                cls(Period.PREVIOUS, "a", "x", 4, 4, "3.6", 4, "40", 4, null, List.of("old"), List.of("0.1")),
                cls(Period.PREVIOUS, "a", "z", 3, 3, "2.7", 3, "30", 3, null, List.of("hosted"), List.of("0.14.0"))));
        JsonNode z = row(doc, "a", "z");
        for (String key : List.of("num_inferences", "num_errors", "avg_confidence", "avg_response_time", "median_confidence",
                "class_count", "model_num_inferences")) {
            assertTrue(z.get(key).isNull(), key);
        }
        assertEquals(3, z.get("prev_num_inferences").asLong());
        assertEquals(7, z.get("prev_model_num_inferences").asLong());
        assertEquals("hosted", z.get("deployment_types").asText());
        assertEquals("0.14.0", z.get("inference_server_versions").asText());

        JsonNode x = row(doc, "a", "x");
        assertEquals("edge,hosted", x.get("deployment_types").asText(), "the current period's when present");
        assertEquals("0.15.3,0.16.0", x.get("inference_server_versions").asText());
        assertEquals(0.01, x.get("prev_avg_response_time").asDouble(), 1e-15);
        assertEquals(2, doc.get("prev_num_errors").asLong());
    }

    @Test
    void rowsGoByModelVolumeThenClassVolumeWithTheEmptyClassLastOnTies() {
        ObjectNode doc = InferenceStatsDocument.build(List.of(
                model(Period.CURRENT, "small", 2, 0, "0", 0, "0", 0),
                cls(Period.CURRENT, "small", "b", 1, 1, "0", 0, "0", 0, null, List.of(), List.of()),
                cls(Period.CURRENT, "small", "", 1, 1, "0", 0, "0", 0, null, List.of(), List.of()),
                cls(Period.CURRENT, "small", "a", 1, 1, "0", 0, "0", 0, null, List.of(), List.of()),
                model(Period.PREVIOUS, "big", 10, 0, "0", 0, "0", 0),
                cls(Period.PREVIOUS, "big", "q", 10, 10, "0", 0, "0", 0, null, List.of(), List.of()),
                model(Period.CURRENT, "also-small", 1, 0, "0", 0, "0", 0),
                model(Period.PREVIOUS, "also-small", 1, 0, "0", 0, "0", 0),
                cls(Period.CURRENT, "also-small", "", 1, 1, "0", 0, "0", 0, null, List.of(), List.of()),
                cls(Period.PREVIOUS, "also-small", "r", 1, 1, "0", 0, "0", 0, null, List.of(), List.of())));
        List<String> order = new ArrayList<>();
        doc.get("inference_stats").forEach(r -> order.add(r.get("model_name").asText() + "/" + r.get("predicted_class").asText()));
        assertEquals(List.of("big/q", "also-small/r", "also-small/", "small/a", "small/b", "small/"), order);
    }

    @Test
    void bytesAreStableIndentedUtf8WithAFinalNewline() {
        List<GroupStats> groups = List.of(
                model(Period.CURRENT, "m", 1, 0, "0.123456789012345678", 1, "12.5", 1),
                cls(Period.CURRENT, "m", "ünï", 1, 1, "0.123456789012345678", 1, "12.5", 1, 0.123456789, List.of(), List.of()));
        byte[] first = InferenceStatsDocument.toBytes(InferenceStatsDocument.build(groups));
        List<GroupStats> reversed = new ArrayList<>(groups);
        Collections.reverse(reversed);
        byte[] second = InferenceStatsDocument.toBytes(InferenceStatsDocument.build(reversed));
        assertArrayEquals(first, second);
        String text = new String(first, StandardCharsets.UTF_8);
        assertTrue(text.endsWith("}\n") && text.contains("\n  \"inference_stats\"") && text.contains("ünï"), text);
        assertTrue(text.contains("\"avg_response_time\" : 0.0125"), text);
    }
}
