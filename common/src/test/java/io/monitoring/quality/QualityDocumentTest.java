package io.monitoring.quality;

import static io.monitoring.model.Columns.*;
import static io.monitoring.quality.QualityColumns.*;
import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.junit.jupiter.api.Test;
import scala.collection.JavaConverters;

/** The published quality document: same slices, coverage and provisional flags as the rows. */
class QualityDocumentTest {
    private static final Instant START = Instant.parse("2026-02-01T00:00:00Z");
    private static final Instant END = Instant.parse("2026-02-02T00:00:00Z");

    private static Row row(String model, String sliceKey, String sliceValue, long n, long labeled, Double accuracy) {
        Object[] values = new Object[QualitySchemas.MODEL_QUALITY.size()];
        Map<String, Object> set = new java.util.HashMap<>();
        set.put(GRANULARITY, "day");
        set.put(WINDOW_START, START);
        set.put(WINDOW_END, END);
        set.put(WINDOW_DATE, LocalDate.of(2026, 2, 1));
        set.put(WORKSPACE, "acme");
        set.put(MODEL_ID, model);
        set.put(MODEL_VERSION, "v1");
        set.put(SLICE_KEY, sliceKey);
        set.put(SLICE_VALUE, sliceValue);
        set.put(PREDICTION_KIND, "classification");
        set.put(NUM_INFERENCES, n);
        set.put(NUM_LABELED, labeled);
        set.put(NUM_EVALUATED, labeled);
        set.put(LABEL_COVERAGE, labeled / (double) n);
        set.put(PROVISIONAL, labeled / (double) n < 0.8);
        set.put(ACCURACY, accuracy);
        Row cm = new GenericRowWithSchema(new Object[] {"fraud", "legit", 3L}, QualitySchemas.CONFUSION_CELL);
        set.put(CONFUSION_MATRIX, JavaConverters.asScalaBuffer(List.<Object>of(cm)).toList());
        set.forEach((k, v) -> values[QualitySchemas.MODEL_QUALITY.fieldIndex(k)] = v);
        return new GenericRowWithSchema(values, QualitySchemas.MODEL_QUALITY);
    }

    @Test
    void modelsCarryTheirSlicesCoverageAndProvisionalFlags() {
        ObjectNode doc = QualityDocument.build("acme", "day", START, END, List.of(
                row("zeta", null, null, 10, 10, 0.9),
                row("alpha", "region", "south", 4, 1, 1.0),
                row("alpha", null, null, 10, 5, 0.8),
                row("alpha", "region", "north", 6, 4, 0.75)));
        assertEquals("acme", doc.get(WORKSPACE).asText());
        assertEquals("2026-02-01T00:00:00Z", doc.get(WINDOW_START).asText());
        JsonNode models = doc.get("models");
        assertEquals(2, models.size());
        JsonNode alpha = models.get(0);
        assertEquals("alpha", alpha.get("model_name").asText());
        assertEquals(0.5, alpha.get(LABEL_COVERAGE).asDouble(), 1e-12);
        assertTrue(alpha.get(PROVISIONAL).asBoolean());
        assertTrue(alpha.get(MAE).isNull(), "a metric that does not apply is null");
        assertEquals(3, alpha.get(CONFUSION_MATRIX).get(0).get(COUNT).asLong());
        assertEquals("north", alpha.get("slices").get(0).get(SLICE_VALUE).asText());
        assertEquals("south", alpha.get("slices").get(1).get(SLICE_VALUE).asText());
        assertTrue(alpha.get("slices").get(1).get(PROVISIONAL).asBoolean());
        assertFalse(models.get(1).get(PROVISIONAL).asBoolean());
        assertEquals(0, models.get(1).get("slices").size());
        assertNull(alpha.get(WINDOW_DATE), "placement columns stay out of the metrics");
    }

    @Test
    void rowsOfAnotherWindowAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> QualityDocument.build("acme", "day", END, END.plusSeconds(86_400),
                List.of(row("alpha", null, null, 1, 1, 1.0))));
    }
}
