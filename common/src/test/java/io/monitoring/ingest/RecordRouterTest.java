package io.monitoring.ingest;

import static io.monitoring.model.Columns.*;
import static org.junit.jupiter.api.Assertions.*;

import io.monitoring.config.ConfigLoader;
import io.monitoring.config.MonitoringConfig;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import scala.collection.JavaConverters;

/** Line-level parsing without Spark: shapes of predictions and actuals, and the reasons for rejection. */
class RecordRouterTest {
    private static final Instant AS_OF = Instant.parse("2026-02-02T00:00:00Z");
    private static final SourcePosition POS = new SourcePosition("file:/landing/x.jsonl", 7, null, Instant.parse("2026-02-01T12:00:00Z"));
    private final MonitoringConfig config = ConfigLoader.load(null, Map.of("models.monitor-to-model.mon_1", "intent"));
    private final RecordRouter router = new RecordRouter(IngestRules.of(AS_OF, config, Map.of()));

    private List<Row> route(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        return router.route(bytes, bytes.length, POS);
    }

    private Row inference(String json) {
        Row parsed = route(json).get(0);
        assertTrue(parsed.isNullAt(2), () -> "rejected: " + parsed.get(2));
        return parsed.getStruct(0);
    }

    private String reason(String json) {
        Row parsed = route(json).get(0);
        assertFalse(parsed.isNullAt(2), "expected a quarantine row");
        return parsed.getStruct(2).getAs(REASON);
    }

    @Test
    void multiclassWithProbabilitiesTakesLabelScoreAndClassScores() {
        Row r = inference("{\"id\":\"a\",\"monitor_id\":\"mon_1\",\"prediction\":{\"label\":\"billing\",\"probabilities\":{\"billing\":0.7,\"refund\":0.3}}}");
        assertEquals("intent", r.getAs(MODEL_ID), "monitor id mapped through config");
        assertEquals("classification", r.getAs(PREDICTION_KIND));
        assertEquals("billing", r.getAs(PREDICTION_LABEL));
        assertEquals(0.7, (Double) r.getAs(PREDICTION_SCORE), 0.0);
        assertEquals(Map.of("billing", 0.7, "refund", 0.3),
                JavaConverters.mapAsJavaMap(r.<scala.collection.Map<String, Double>>getAs(PREDICTION_CLASS_SCORES)));
        assertEquals(POS.landedAt(), r.getAs(EVENT_TIME), "no timestamp: landing time");
    }

    @Test
    void probabilitiesAloneGiveTheArgMax() {
        Row r = inference("{\"id\":\"a\",\"monitor_id\":\"m\",\"prediction\":{\"probabilities\":{\"a\":0.2,\"b\":0.5,\"c\":0.3}}}");
        assertEquals("b", r.getAs(PREDICTION_LABEL));
        assertEquals(0.5, (Double) r.getAs(PREDICTION_SCORE), 0.0);
    }

    @Test
    void detectorBoxesAndRegressionNumbers() {
        Row det = inference("{\"id\":\"d\",\"monitor_id\":\"m\",\"prediction\":{\"predictions\":[{\"class\":\"helmet\",\"confidence\":0.9},{\"class\":\"helmet\",\"confidence\":0.6},{\"class\":\"head\",\"confidence\":0.5}]}}");
        assertEquals("detection", det.getAs(PREDICTION_KIND));
        List<Row> boxes = det.getList(det.fieldIndex(PREDICTION_DETECTIONS));
        assertEquals(3, boxes.size());
        assertEquals("helmet", boxes.get(1).getAs(DETECTION_CLASS));
        assertEquals(0.6, (Double) boxes.get(1).getAs(DETECTION_CONFIDENCE), 0.0);

        Row reg = inference("{\"id\":\"r\",\"monitor_id\":\"m\",\"prediction\":12.5,\"timestamp\":1769940000}");
        assertEquals("regression", reg.getAs(PREDICTION_KIND));
        assertEquals(12.5, (Double) reg.getAs(PREDICTION_VALUE), 0.0);
        assertEquals(Instant.ofEpochSecond(1769940000L), reg.getAs(EVENT_TIME), "epoch seconds accepted");
    }

    @Test
    void erroredInferenceWithoutPredictionIsStillAnInference() {
        Row r = inference("{\"id\":\"e\",\"monitor_id\":\"m\",\"error\":{\"code\":\"TIMEOUT\",\"message\":\"upstream\"},\"latency_ms\":3000}");
        assertEquals("none", r.getAs(PREDICTION_KIND));
        assertTrue((Boolean) r.getAs(IS_ERROR));
        assertEquals("{\"code\":\"TIMEOUT\",\"message\":\"upstream\"}", r.getAs(ERROR_JSON));
    }

    @Test
    void guardianActualOnlyRecordIsAnActual() {
        Row parsed = route("{\"id\":\"inf_9\",\"monitor_id\":\"m\",\"actual\":{\"relevant_items\":[\"p1\",\"p2\"],\"relevance\":[3,1]},\"timestamp\":\"2026-02-01T13:00:00+01:00\"}").get(0);
        assertTrue(parsed.isNullAt(0));
        Row a = parsed.getStruct(1);
        assertEquals("ranking", a.getAs(ACTUAL_KIND));
        assertEquals(List.of("p1", "p2"), a.getList(a.fieldIndex(ACTUAL_ITEMS)));
        assertEquals(List.of(3.0, 1.0), a.getList(a.fieldIndex(ACTUAL_RELEVANCE)));
        assertEquals(Instant.parse("2026-02-01T12:00:00Z"), a.getAs(ACTUAL_TIME), "offsets are honoured");
    }

    @Test
    void sameContentWithoutIdHashesToTheSameId() {
        String rec = "{\"monitor_id\":\"m\",\"prediction\":\"x\",\"input_data\":{\"b\":1,\"a\":2}}";
        String reordered = "{\"input_data\":{\"a\":2,\"b\":1},\"prediction\":\"x\",\"monitor_id\":\"m\"}";
        assertEquals((String) inference(rec).getAs(INFERENCE_ID), inference(reordered).getAs(INFERENCE_ID));
    }

    @Test
    void batchEnvelopeYieldsOneRowPerRecordAndQuarantinesItsBadOnes() {
        List<Row> rows = route("{\"monitor_id\":\"m\",\"inferences\":[{\"prediction\":\"a\"},{\"latency_ms\":\"slow\",\"prediction\":\"b\"},7]}");
        assertEquals(3, rows.size());
        assertTrue(rows.get(0).isNullAt(2));
        assertEquals("wrong_type", rows.get(1).getStruct(2).getAs(REASON));
        assertEquals(1, (Integer) rows.get(1).getStruct(2).getAs(RECORD_INDEX));
        assertEquals("not_a_json_object", rows.get(2).getStruct(2).getAs(REASON));
    }

    @Test
    void rejectionsCarryMachineReadableReasons() {
        assertEquals("invalid_number", reason("{\"id\":\"a\",\"monitor_id\":\"m\",\"prediction\":1e400}"));
        assertEquals("invalid_number", reason("{\"id\":\"a\",\"monitor_id\":\"m\",\"prediction\":NaN}"));
        assertEquals("nesting_too_deep", reason("{\"a\":".repeat(100) + "1" + "}".repeat(100)));
        assertEquals("invalid_utf8", reasonOf(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'}));
        assertEquals("invalid_label", reason("{\"id\":\"a\",\"monitor_id\":\"m\",\"prediction\":{\"product_ids\":[\"p1\",\"p2\"],\"scores\":[0.5]}}"));
        assertEquals("missing_prediction_id", reason("{\"monitor_id\":\"m\",\"actual\":\"yes\"}"));
    }

    private String reasonOf(byte[] bytes) {
        return router.route(bytes, bytes.length, POS).get(0).getStruct(2).getAs(REASON);
    }

    @Test
    void personalFieldsAreDroppedOrHashedBeforeAnythingIsWritten() {
        MonitoringConfig strict = ConfigLoader.load(null, Map.of("privacy.drop-fields", "[user_id]", "privacy.hash-fields", "[region, email]"));
        RecordRouter private_ = new RecordRouter(IngestRules.of(AS_OF, strict, Map.of("MONITORING_PII_KEY", "k1")));
        String json = "{\"id\":\"a\",\"monitor_id\":\"m\",\"prediction\":\"x\",\"input_data\":{\"user_id\":\"u123\",\"email\":\"a@b.c\",\"age\":41},"
                + "\"metadata\":{\"region\":\"north\",\"platform\":\"web\"}}";
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        Row r = private_.route(bytes, bytes.length, POS).get(0).getStruct(0);
        Map<String, String> categorical = JavaConverters.mapAsJavaMap(r.<scala.collection.Map<String, String>>getAs(CATEGORICAL_FEATURES));
        Map<String, String> tags = JavaConverters.mapAsJavaMap(r.<scala.collection.Map<String, String>>getAs(TAGS));
        assertFalse(categorical.containsKey("user_id"));
        assertTrue(categorical.get("email").startsWith("hmac:"));
        assertTrue(tags.get("region").startsWith("hmac:"));
        assertEquals("web", tags.get("platform"));
        assertFalse(r.toString().contains("u123") || r.toString().contains("a@b.c") || r.toString().contains("north"));

        byte[] bad = "{\"id\":\"b\",\"monitor_id\":\"m\",\"prediction\":\"x\",\"latency_ms\":\"slow\",\"input_data\":{\"user_id\":\"u123\"}}".getBytes(StandardCharsets.UTF_8);
        Row q = private_.route(bad, bad.length, POS).get(0).getStruct(2);
        assertEquals("wrong_type", q.getAs(REASON));
        assertFalse(((String) q.getAs(RAW_TEXT)).contains("u123"), "quarantined raw text is redacted too");
        byte[] notJson = "user_id=u123 broken".getBytes(StandardCharsets.UTF_8);
        Row withheld = private_.route(notJson, notJson.length, POS).get(0).getStruct(2);
        assertNull(withheld.getAs(RAW_TEXT));

        assertThrows(IllegalStateException.class, () -> IngestRules.of(AS_OF, strict, Map.of()), "hashing without a key fails fast");
    }
}
