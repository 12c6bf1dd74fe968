package io.monitoring.quality;

import static io.monitoring.model.Columns.*;
import static io.monitoring.quality.QualityColumns.*;
import static org.junit.jupiter.api.Assertions.*;

import io.monitoring.config.MonitoringConfig;
import io.monitoring.testing.SharedSpark;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * The evaluation rows' windows and slices against a plain-Java count: every inference once per
 * granularity window in the whole-model slice and once per segment key it is tagged with, the
 * values of a key capped per (window, model) to the most frequent ones (ties by value), the rest
 * counted under the other-value.
 */
class QualitySlicesTest {
    private static final String OTHER = "__other__";
    private static final int CAP = 2;
    private static final List<String> KEYS = List.of("region", "channel");
    private static final Instant DAY = Instant.parse("2026-02-01T00:00:00Z");

    private record Inference(String model, Instant time, Map<String, String> tags) {}

    @Test
    void everyInferenceIsCountedOncePerWindowAndSliceWithValuesCapped() {
        Random rnd = new Random(11);
        String[] regions = {"eu", "us", "apac", "latam"};
        String[] channels = {"web", "app"};
        List<Inference> inferences = new ArrayList<>();
        LabeledRows rows = new LabeledRows();
        for (int i = 0; i < 400; i++) {
            String model = rnd.nextBoolean() ? "m1" : "m2";
            Instant time = DAY.plusSeconds(rnd.nextInt(3 * 3600));
            Map<String, String> tags = new HashMap<>();
            if (rnd.nextDouble() < 0.9) {
                // skewed, so the cap keeps different values in different windows
                tags.put("region", regions[Math.min(3, (int) Math.floor(-Math.log(rnd.nextDouble()) * 1.3))]);
            }
            if (rnd.nextDouble() < 0.5) {
                tags.put("channel", channels[rnd.nextInt(2)]);
            }
            tags.put("unconfigured", "x");
            inferences.add(new Inference(model, time, tags));
            rows.classification(model, time, tags, "a", 0.9, null, rnd.nextBoolean() ? "a" : "b");
        }

        List<String> granularities = List.of("hour", "day");
        MonitoringConfig.Segments segments = new MonitoringConfig.Segments(KEYS, CAP, OTHER);
        Dataset<Row> labeled = rows.toDataset(SharedSpark.get());
        Dataset<Row> prepared = QualityRows.prepare(labeled, List.of(), segments.keys());
        Dataset<Row> withGroups = QualityRows.withGroups(prepared, QualityRows.sliceCaps(labeled, granularities, segments), granularities, segments);
        assertEquals(inferences.size(), withGroups.count(), "one row per inference");
        List<Row> got = QualityRows.copies(withGroups, granularities, segments)
                .groupBy(GRANULARITY, WINDOW_START, MODEL_ID, SLICE_KEY, SLICE_VALUE).count().collectAsList();
        Map<String, Long> actual = new TreeMap<>();
        for (Row r : got) {
            actual.put(String.join("|", r.getString(0), r.<Instant>getAs(1).toString(), r.getString(2),
                    String.valueOf((Object) r.getAs(SLICE_KEY)), String.valueOf((Object) r.getAs(SLICE_VALUE))), r.getLong(5));
        }
        assertEquals(expected(inferences), actual);
        // the families that read only ids explode the same groups
        Dataset<Row> copyIds = QualityRows.copies(withGroups, granularities, segments).groupBy(QualityRows.GROUP_ID).count();
        Dataset<Row> explodedIds = QualityRows.perGroup(withGroups).groupBy(QualityRows.GROUP_ID).count();
        assertEquals(actual.size(), copyIds.count());
        assertEquals(0, copyIds.exceptAll(explodedIds).count() + explodedIds.exceptAll(copyIds).count());
        assertTrue(actual.keySet().stream().anyMatch(k -> k.endsWith("|" + OTHER)), "the cap was exercised");
    }

    @Test
    void withoutSegmentKeysEachInferenceIsCountedOncePerWindow() {
        LabeledRows rows = new LabeledRows();
        for (int i = 0; i < 10; i++) {
            rows.classification("m1", DAY.plusSeconds(i * 1800L), Map.of("region", "eu"), "a", 0.9, null, "a");
        }
        List<String> granularities = List.of("hour", "day");
        MonitoringConfig.Segments segments = new MonitoringConfig.Segments(List.of(), CAP, OTHER);
        Dataset<Row> labeled = rows.toDataset(SharedSpark.get());
        Dataset<Row> prepared = QualityRows.prepare(labeled, List.of(), segments.keys());
        Dataset<Row> caps = QualityRows.sliceCaps(labeled, granularities, segments);
        assertEquals(0, caps.count());
        Dataset<Row> copies = QualityRows.copies(QualityRows.withGroups(prepared, caps, granularities, segments), granularities, segments);
        assertEquals(20, copies.count(), "one hour and one day copy per inference");
        assertEquals(0, copies.where(org.apache.spark.sql.functions.col(SLICE_KEY).isNotNull()).count());
        assertEquals(6, copies.select(QualityRows.GROUP_ID).distinct().count(), "five hours and the day");
    }

    /** (granularity|window start|model|slice key|slice value) to the number of inferences in it. */
    private static Map<String, Long> expected(List<Inference> inferences) {
        Map<String, Long> out = new TreeMap<>();
        for (String granularity : List.of("hour", "day")) {
            ChronoUnit unit = granularity.equals("hour") ? ChronoUnit.HOURS : ChronoUnit.DAYS;
            Map<String, Map<String, Long>> valueCounts = new HashMap<>();
            for (Inference inf : inferences) {
                String window = granularity + "|" + inf.time().truncatedTo(unit) + "|" + inf.model();
                out.merge(window + "|null|null", 1L, Long::sum);
                for (String key : KEYS) {
                    if (inf.tags().containsKey(key)) {
                        valueCounts.computeIfAbsent(window + "|" + key, k -> new TreeMap<>()).merge(inf.tags().get(key), 1L, Long::sum);
                    }
                }
            }
            valueCounts.forEach((windowKey, counts) -> {
                List<Map.Entry<String, Long>> ranked = new ArrayList<>(counts.entrySet());
                ranked.sort(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()));
                for (int i = 0; i < ranked.size(); i++) {
                    String value = i < CAP ? ranked.get(i).getKey() : OTHER;
                    out.merge(windowKey + "|" + value, ranked.get(i).getValue(), Long::sum);
                }
            });
        }
        return out;
    }
}
