package io.monitoring.sample;

import io.monitoring.sample.SampleFixture.Line;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import static io.monitoring.sample.LandingReader.at;
import static io.monitoring.sample.LandingReader.list;
import static io.monitoring.sample.LandingReader.obj;
import static org.junit.jupiter.api.Assertions.*;

class SampleLogGeneratorTest {
    private static final Pattern UUID_V4 =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    private static final Pattern ARIZE_TS = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z");
    private static final Pattern GUARDIAN_TS = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
    private static final Set<String> SEGMENT_KEYS =
            Set.of("user_segment", "region", "platform", "deployment_type", "inference_server_version");

    private static SampleFixture f;
    /** Every good inference record (envelope members one by one) with its model. */
    private static final List<Rec> records = new ArrayList<>();
    private static final Map<String, List<Rec>> byModel = new HashMap<>();

    record Rec(String model, Map<String, Object> value, Line line) {
        String key() {
            Object id = value.containsKey("prediction_id") ? value.get("prediction_id") : value.get("id");
            return model + "/" + id;
        }

        Instant time() {
            Object ts = value.containsKey("prediction_id") ? at(value, "prediction", "timestamp") : value.get("timestamp");
            return Instant.parse((String) ts);
        }

        boolean training() {
            return at(value, "environment_params", "training") != null;
        }
    }

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void read() {
        f = SampleFixture.get();
        records.clear();
        f.good().forEach(l -> {
            Map<String, Object> m = l.map();
            if (m.containsKey("inferences")) {
                for (Object r : (List<Object>) m.get("inferences")) {
                    records.add(new Rec((String) m.get("monitor_id"), (Map<String, Object>) r, l));
                }
            } else if (m.containsKey("model_id")) {
                records.add(new Rec((String) m.get("model_id"), m, l));
            } else {
                records.add(new Rec((String) m.get("monitor_id"), m, l));
            }
        });
        byModel.clear();
        for (Rec r : records) {
            byModel.computeIfAbsent(r.model(), k -> new ArrayList<>()).add(r);
        }
    }

    @Test
    void layoutIsPartitionedJsonLinesWithASummary() throws IOException {
        Pattern part = Pattern.compile("(inferences|actuals)/dt=\\d{4}-\\d\\d-\\d\\d/part-\\d{5}\\.jsonl\\.gz");
        List<String> files = LandingReader.files(f.root);
        assertTrue(files.contains("_generation.json"));
        for (String file : files) {
            assertTrue(file.equals("_generation.json") || part.matcher(file).matches(), file);
        }
        // several parts where a day holds more than recordsPerFile records
        assertTrue(files.contains("inferences/dt=2026-02-02/part-00001.jsonl.gz"), files.toString());
        LocalDate first = LocalDate.of(2026, 2, 1);
        LocalDate lastArrival = first.plusDays(f.spec.days() - 1 + 2);
        for (String file : files) {
            if (file.startsWith("actuals/")) {
                LocalDate dt = LocalDate.parse(file.substring(11, 21));
                assertFalse(dt.isBefore(first) || dt.isAfter(lastArrival), file);
            }
        }
    }

    @Test
    void everyLineParsesAsJsonExceptDeliberatelyMalformedOnes() {
        for (Line l : f.inferenceLines) {
            assertEquals(l.value() == null, l.bad() == BadLineReason.MALFORMED_JSON, l.text());
        }
        for (Line l : f.actualLines) {
            assertInstanceOf(Map.class, l.value(), l.text());
        }
        assertFalse(f.actualLines.isEmpty());
    }

    @Test
    void fraudDetectorWritesArizeScoreCategoricalRecords() {
        List<Rec> fraud = of("fraud-detector");
        assertFalse(fraud.isEmpty());
        int inline = 0;
        for (Rec r : fraud) {
            Map<String, Object> m = r.value();
            assertTrue(UUID_V4.matcher((String) m.get("prediction_id")).matches(), (String) m.get("prediction_id"));
            assertEquals(r.training() || m.containsKey("actual")
                            ? List.of("model_id", "prediction_id", "prediction", "actual", "environment_params")
                            : List.of("model_id", "prediction_id", "prediction", "environment_params"),
                    List.copyOf(m.keySet()));
            Map<String, Object> p = obj(m, "prediction");
            assertEquals(List.of("timestamp", "model_version", "label", "features", "tags"), List.copyOf(p.keySet()));
            assertTrue(ARIZE_TS.matcher((String) p.get("timestamp")).matches());
            Map<String, Object> category = obj(p, "label", "score_categorical", "score_category");
            assertTrue(Set.of("fraud", "legit").contains(category.get("category")));
            double score = (Double) category.get("score");
            assertTrue(score >= 0.5 && score < 1, "score " + score);
            assertArizeFeatures(obj(p, "features"), 12);
            assertArizeTags(obj(p, "tags"));
            if (m.containsKey("actual")) {
                Map<String, Object> actual = obj(m, "actual", "label", "score_categorical", "score_category");
                assertTrue(Set.of("fraud", "legit").contains(actual.get("category")));
                assertEquals(1.0, actual.get("score"));
                inline += r.training() ? 0 : 1;
            }
            if (r.training()) {
                assertEquals(Map.of(), obj(m, "environment_params", "training"));
                assertEquals(f.spec.start().truncatedTo(ChronoUnit.DAYS), r.time().truncatedTo(ChronoUnit.DAYS));
            } else {
                assertEquals(Map.of("production", Map.of()), obj(m, "environment_params"));
            }
        }
        long production = fraud.stream().filter(r -> !r.training()).count();
        double inlineShare = inline / (double) production;
        assertTrue(inlineShare > 0.07 && inlineShare < 0.13, "inline share " + inlineShare);
        double trainingShare = fraud.stream().filter(Rec::training).count() / (double) fraud.size();
        assertEquals(FraudDetectorModel.TRAINING_SHARE, trainingShare, 0.01);
    }

    @Test
    void priceRegressorWritesArizeNumericRecords() {
        List<Rec> price = of("price-regressor");
        assertFalse(price.isEmpty());
        for (Rec r : price) {
            Map<String, Object> p = obj(r.value(), "prediction");
            assertEquals(List.of("numeric"), List.copyOf(obj(p, "label").keySet()));
            assertTrue((Double) at(p, "label", "numeric") > 0);
            assertArizeFeatures(obj(p, "features"), 12);
            assertArizeTags(obj(p, "tags"));
            assertFalse(r.value().containsKey("actual"));
        }
    }

    @Test
    void intentClassifierWritesGuardianRecordsWithProbabilities() {
        List<Rec> intent = of("intent-classifier");
        assertFalse(intent.isEmpty());
        int errors = 0;
        for (Rec r : intent) {
            Map<String, Object> m = r.value();
            String outcome = m.containsKey("error") ? "error" : "prediction";
            assertEquals(List.of("id", "monitor_id", "input_data", outcome, "latency_ms", "metadata", "timestamp"),
                    List.copyOf(m.keySet()));
            assertGuardianCommon(m, 12);
            if (m.containsKey("error")) {
                errors++;
                assertEquals(Set.of("code", "message"), obj(m, "error").keySet());
                continue;
            }
            Map<String, Object> p = obj(m, "prediction");
            assertEquals(List.of("label", "score", "probabilities"), List.copyOf(p.keySet()));
            Map<String, Object> probabilities = obj(p, "probabilities");
            assertEquals(List.of(IntentClassifierModel.CLASSES), List.copyOf(probabilities.keySet()));
            assertEquals(probabilities.get(p.get("label")), p.get("score"));
            double max = probabilities.values().stream().mapToDouble(v -> (Double) v).max().orElseThrow();
            assertEquals(max, (Double) p.get("score"));
            double sum = probabilities.values().stream().mapToDouble(v -> (Double) v).sum();
            assertEquals(1.0, sum, 0.002);
        }
        assertTrue(errors > 0, "some failed inferences");
    }

    @Test
    void productRankerWritesGuardianBatchEnvelopes() {
        List<Line> envelopes = f.good().filter(l -> l.map().containsKey("inferences")).toList();
        assertFalse(envelopes.isEmpty());
        for (Line l : envelopes) {
            assertEquals(List.of("monitor_id", "inferences"), List.copyOf(l.map().keySet()));
            int size = list(l.map(), "inferences").size();
            assertTrue(size >= 1 && size <= 500, "envelope of " + size);
        }
        List<Rec> ranker = of("product-ranker");
        long withoutId = ranker.stream().filter(r -> !r.value().containsKey("id")).count();
        assertTrue(withoutId > 0 && withoutId < ranker.size() / 4, withoutId + " of " + ranker.size());
        for (Rec r : ranker) {
            Map<String, Object> m = r.value();
            assertFalse(m.containsKey("monitor_id"));
            Map<String, Object> in = obj(m, "input_data");
            assertEquals(List.of("user_id", "category", "price_range", "session_duration"),
                    List.copyOf(in.keySet()).subList(0, 4));
            assertTrue(((String) in.get("user_id")).startsWith("u"));
            assertInstanceOf(Long.class, in.get("session_duration"));
            assertEquals(f.spec.embeddingDim(), list(in, "query_embedding").size());
            assertEquals(8 + 4 + 2, in.size());
            assertTrue(GUARDIAN_TS.matcher((String) m.get("timestamp")).matches());
            if (m.containsKey("error")) {
                continue;
            }
            List<Object> products = list(m, "prediction", "product_ids");
            List<Object> scores = list(m, "prediction", "scores");
            assertEquals(10, products.size());
            assertEquals(10, new HashSet<>(products).size());
            assertEquals(10, scores.size());
            for (int i = 1; i < scores.size(); i++) {
                assertTrue((Double) scores.get(i) <= (Double) scores.get(i - 1), scores.toString());
            }
        }
    }

    @Test
    void hardhatDetectorWritesGuardianObjectDetections() {
        List<Rec> hardhat = of("hardhat-detector");
        assertFalse(hardhat.isEmpty());
        boolean repeatedClass = false;
        for (Rec r : hardhat) {
            Map<String, Object> m = r.value();
            assertGuardianCommon(m, 12);
            if (m.containsKey("error")) {
                continue;
            }
            List<Object> boxes = list(m, "prediction", "predictions");
            assertTrue(boxes.size() <= 4);
            Set<Object> classes = new HashSet<>();
            for (Object b : boxes) {
                Map<?, ?> box = (Map<?, ?>) b;
                assertEquals(List.of("class", "confidence"), List.copyOf(box.keySet()));
                assertTrue(Set.of("helmet", "head").contains(box.get("class")));
                double confidence = (Double) box.get("confidence");
                assertTrue(confidence >= 0.3 && confidence < 1.0);
                repeatedClass |= !classes.add(box.get("class"));
            }
        }
        assertTrue(repeatedClass, "several boxes of one class occur");
    }

    @Test
    void actualsHaveTheDocumentedShapeAndReferToWrittenInferences() {
        Map<String, Rec> byKey = new HashMap<>();
        for (Rec r : records) {
            if (r.value().containsKey("id") || r.value().containsKey("prediction_id")) {
                assertNull(byKey.put(r.key(), r), "unique id " + r.key());
            }
        }
        Set<String> seen = new HashSet<>();
        for (Line l : f.actualLines) {
            Map<String, Object> m = l.map();
            LocalDate partition = LocalDate.parse(l.file().substring(11, 21));
            String key;
            if (m.containsKey("model_id")) {
                assertEquals(List.of("model_id", "prediction_id", "actual", "environment_params"),
                        List.copyOf(m.keySet()));
                assertEquals(Map.of("production", Map.of()), obj(m, "environment_params"));
                key = m.get("model_id") + "/" + m.get("prediction_id");
                Object label = at(m, "actual", "label");
                if ("fraud-detector".equals(m.get("model_id"))) {
                    assertEquals(1.0, at(label, "score_categorical", "score_category", "score"));
                } else {
                    assertInstanceOf(Double.class, at(label, "numeric"));
                }
            } else {
                assertEquals(List.of("id", "monitor_id", "actual", "timestamp"), List.copyOf(m.keySet()));
                key = m.get("monitor_id") + "/" + m.get("id");
                Instant arrival = Instant.parse((String) m.get("timestamp"));
                assertEquals(partition, LocalDate.ofInstant(arrival, ZoneOffset.UTC));
                Rec inference = byKey.get(key);
                assertNotNull(inference, key);
                Instant inferred = inference.time();
                assertFalse(arrival.isBefore(inferred), key);
                assertFalse(arrival.isAfter(inferred.plus(f.spec.maxActualDelayHours(), ChronoUnit.HOURS)), key);
                Map<String, Object> actual = obj(m, "actual");
                switch ((String) m.get("monitor_id")) {
                    case "intent-classifier" -> assertTrue(List.of(IntentClassifierModel.CLASSES).contains(actual.get("label")));
                    case "hardhat-detector" -> list(actual, "classes").forEach(c -> assertTrue(Set.of("helmet", "head").contains(c)));
                    case "product-ranker" -> {
                        assertEquals(list(actual, "relevant_items").size(), list(actual, "relevance").size());
                        list(actual, "relevance").forEach(g -> assertTrue((Long) g >= 1 && (Long) g <= 3));
                    }
                    default -> fail("unexpected monitor " + m.get("monitor_id"));
                }
            }
            Rec inference = byKey.get(key);
            assertNotNull(inference, "actual for unknown inference " + key);
            assertFalse(inference.value().containsKey("error"), "no actual for a failed inference");
            assertFalse(inference.value().containsKey("actual"), "no delayed actual when inline");
            assertTrue(seen.add(key), "one actual per inference: " + key);
            assertFalse(partition.isBefore(LocalDate.ofInstant(inference.time(), ZoneOffset.UTC)));
        }
        double share = seen.size() / (double) records.stream().filter(r -> !r.training()).count();
        assertTrue(share > 0.45 && share < 0.65, "actual share " + share);
    }

    @Test
    void summaryCountsMatchWhatWasWritten() throws IOException {
        GenerationSummary s = f.summary;
        assertEquals(f.spec.records(), s.totalInferences());
        for (ModelCounts m : s.models()) {
            List<Rec> recs = of(m.modelId());
            assertEquals(recs.size(), m.inferences(), m.modelId());
            assertEquals(recs.stream().filter(r -> r.value().containsKey("error")).count(), m.errors(), m.modelId());
            assertEquals(recs.stream().filter(Rec::training).count(), m.trainingRecords(), m.modelId());
            assertEquals(recs.stream().filter(r -> !r.training() && r.value().containsKey("actual")).count(),
                    m.inlineActuals(), m.modelId());
            Set<Line> lines = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
            recs.forEach(r -> lines.add(r.line()));
            assertEquals(lines.size(), m.inferenceLines(), m.modelId());
            assertEquals(f.good().filter(l -> l.map().containsKey("inferences")
                    && m.modelId().equals(l.map().get("monitor_id"))).count(), m.batchEnvelopes(), m.modelId());
            assertEquals(f.actualLines.stream().filter(l -> m.modelId().equals(l.map().get("model_id"))
                    || m.modelId().equals(l.map().get("monitor_id"))).count(), m.delayedActuals(), m.modelId());
        }
        assertEquals(RecordFormat.ARIZE, s.model("fraud-detector").format());
        assertEquals(RecordFormat.GUARDIAN, s.model("product-ranker").format());
        assertTrue(s.model("product-ranker").featureNames().contains("query_embedding"));

        Map<BadLineReason, Long> bad = new EnumMap<>(BadLineReason.class);
        for (Line l : f.inferenceLines) {
            if (l.bad() != null) {
                bad.merge(l.bad(), 1L, Long::sum);
            }
        }
        for (BadLineReason r : BadLineReason.values()) {
            assertTrue(bad.getOrDefault(r, 0L) > 0, "some " + r);
            assertEquals(bad.getOrDefault(r, 0L), s.badLines().get(r.reason()), r.reason());
        }
        assertEquals(Math.round(f.spec.records() * f.spec.badShare()), s.totalBadLines());

        assertEquals(f.inferenceLines.size(), s.inferenceLines());
        assertEquals(f.actualLines.size(), s.actualLines());
        List<String> onDisk = LandingReader.files(f.root).stream().filter(p -> !p.startsWith("_")).toList();
        assertEquals(onDisk, s.files().stream().map(WrittenFile::path).toList());
        assertEquals(onDisk.stream().filter(p -> p.startsWith("inferences/")).count(), s.inferenceFiles());
        assertEquals(onDisk.stream().filter(p -> p.startsWith("actuals/")).count(), s.actualFiles());
        for (WrittenFile w : s.files()) {
            assertEquals(LandingReader.lines(f.root.resolve(w.path())).size(), w.lines(), w.path());
            assertTrue(w.records() <= f.spec.recordsPerFile() || w.lines() == 1, w.path());
        }
    }

    @Test
    void summaryFileRecordsSpecCountsAndFiles() throws IOException {
        Map<String, Object> json = obj(LandingReader.parse(Files.readString(f.root.resolve("_generation.json"))));
        assertEquals(7L, at(json, "spec", "seed"));
        assertEquals(12_000L, at(json, "spec", "records"));
        assertEquals("2026-02-02T00:00:00Z", at(json, "spec", "drift_start"));
        assertEquals(f.spec.driftFeatures(), list(json, "spec", "drift_features"));
        assertNull(at(json, "spec", "output_root"), "where it was written is not part of the sample");
        assertEquals(12_000L, at(json, "totals", "inference_records"));
        List<Object> models = list(json, "models");
        assertEquals(5, models.size());
        for (int i = 0; i < models.size(); i++) {
            ModelCounts m = f.summary.models().get(i);
            assertEquals(m.modelId(), at(models.get(i), "model_id"));
            assertEquals(m.inferences(), at(models.get(i), "inferences"));
            assertEquals(m.delayedActuals(), at(models.get(i), "delayed_actuals"));
        }
        for (BadLineReason r : BadLineReason.values()) {
            assertEquals(f.summary.badLines().get(r.reason()), at(json, "bad_lines", r.reason()));
        }
        assertEquals(f.summary.files().size(), list(json, "files").size());
    }

    @Test
    void filesAreStampedWithTheirLandingTime() throws IOException {
        Map<String, Instant> latestRecord = new TreeMap<>();
        for (Rec r : records) {
            latestRecord.merge(r.line().file(), r.time(), (a, b) -> a.isAfter(b) ? a : b);
        }
        for (WrittenFile w : f.summary.files()) {
            Instant modified = Files.getLastModifiedTime(f.root.resolve(w.path())).toInstant();
            assertEquals(w.landedAt(), modified, w.path());
            LocalDate partition = LocalDate.parse(w.path().substring(w.path().indexOf("dt=") + 3).substring(0, 10));
            assertEquals(partition, LocalDate.ofInstant(modified, ZoneOffset.UTC), w.path());
            Instant latest = latestRecord.get(w.path());
            if (latest != null) {
                assertFalse(modified.isBefore(latest.truncatedTo(ChronoUnit.SECONDS)), w.path());
            }
        }
        // Parts of a day land one after another.
        Instant first = Files.getLastModifiedTime(f.root.resolve("inferences/dt=2026-02-02/part-00000.jsonl.gz")).toInstant();
        Instant second = Files.getLastModifiedTime(f.root.resolve("inferences/dt=2026-02-02/part-00001.jsonl.gz")).toInstant();
        assertTrue(first.isBefore(second));
    }

    @Test
    void recordsAreInTimeOrderAndFollowDailySeasonality() {
        int[] hours = new int[24];
        Map<String, Instant> last = new HashMap<>();
        for (Rec r : records) {
            if (r.training()) {
                continue;
            }
            Instant t = r.time();
            hours[t.atZone(ZoneOffset.UTC).getHour()]++;
            String file = r.line().file();
            Instant previous = last.get(file);
            if (!r.line().map().containsKey("inferences")) {
                assertTrue(previous == null || !t.isBefore(previous.truncatedTo(ChronoUnit.SECONDS)), file);
                last.put(file, t);
            }
        }
        assertTrue(hours[15] > 2 * hours[3], "afternoon busier than night: " + java.util.Arrays.toString(hours));
    }

    @Test
    void driftedNumericFeatureShiftsByDriftShiftStandardDeviationsAfterDriftStart() {
        NumericFeature feature = FeatureCatalog.FRAUD_NUMERIC.get(5);
        assertEquals("merchant_risk_score", feature.name);
        List<Double> before = new ArrayList<>();
        List<Double> after = new ArrayList<>();
        List<Double> undriftedBefore = new ArrayList<>();
        List<Double> undriftedAfter = new ArrayList<>();
        for (Rec r : of("fraud-detector")) {
            if (r.training()) {
                continue;
            }
            Map<String, Object> features = obj(r.value(), "prediction", "features");
            double v = (Double) at(features, "merchant_risk_score", "double");
            double amount = (Double) at(features, "amount", "double");
            boolean drifted = !r.time().isBefore(SampleFixture.DRIFT_START);
            (drifted ? after : before).add(v);
            (drifted ? undriftedAfter : undriftedBefore).add(amount);
        }
        double shiftBefore = (mean(before) - feature.mean) / feature.std;
        double shiftAfter = (mean(after) - feature.mean) / feature.std;
        assertEquals(0.0, shiftBefore, 0.15, "no drift before driftStart");
        assertEquals(f.spec.driftShift(), shiftAfter, 0.15, "drift after driftStart");
        assertEquals(mean(undriftedBefore), mean(undriftedAfter), 0.15 * 120, "other features unchanged");
    }

    @Test
    void driftedCategoricalFeatureMovesTowardsRareCategories() {
        int[][] counts = new int[2][2];
        for (Rec r : of("fraud-detector")) {
            if (r.training()) {
                continue;
            }
            String category = (String) at(r.value(), "prediction", "features", "merchant_category", "string");
            boolean rare = Set.of("electronics", "entertainment", "jewelry").contains(category);
            counts[r.time().isBefore(SampleFixture.DRIFT_START) ? 0 : 1][rare ? 1 : 0]++;
        }
        double rareBefore = counts[0][1] / (double) (counts[0][0] + counts[0][1]);
        double rareAfter = counts[1][1] / (double) (counts[1][0] + counts[1][1]);
        assertTrue(rareAfter > 2 * rareBefore, rareBefore + " -> " + rareAfter);
    }

    @Test
    void fraudDetectorIsCalibratedUntilTheQualityDrop() {
        Map<String, String> actual = new HashMap<>();
        for (Line l : f.actualLines) {
            if ("fraud-detector".equals(l.map().get("model_id"))) {
                actual.put((String) l.map().get("prediction_id"),
                        (String) at(l.map(), "actual", "label", "score_categorical", "score_category", "category"));
            }
        }
        // periods: 0 = before drift and drop, 1 = drifted, 2 = drifted and degraded
        double[][] sums = new double[3][3];
        for (Rec r : of("fraud-detector")) {
            String truth = r.value().containsKey("actual")
                    ? (String) at(r.value(), "actual", "label", "score_categorical", "score_category", "category")
                    : actual.get((String) r.value().get("prediction_id"));
            if (truth == null || r.training()) {
                continue;
            }
            Map<String, Object> predicted = obj(r.value(), "prediction", "label", "score_categorical", "score_category");
            int period = r.time().isBefore(SampleFixture.DRIFT_START) ? 0
                    : r.time().isBefore(SampleFixture.QUALITY_DROP) ? 1 : 2;
            sums[period][0]++;
            sums[period][1] += truth.equals(predicted.get("category")) ? 1 : 0;
            sums[period][2] += (Double) predicted.get("score");
        }
        double[] accuracy = new double[3];
        double[] score = new double[3];
        for (int p = 0; p < 3; p++) {
            accuracy[p] = sums[p][1] / sums[p][0];
            score[p] = sums[p][2] / sums[p][0];
        }
        assertEquals(0.85, accuracy[0], 0.06, "realistic accuracy");
        assertEquals(score[1], accuracy[1], 0.05, "calibrated under covariate drift");
        assertEquals(SampleModel.QUALITY_DROP_FACTOR * score[2], accuracy[2], 0.06, "worse after the drop");
        assertEquals(score[1], score[2], 0.03, "scores stay similar");
    }

    @Test
    void intentAccuracyDropsWhileScoresStay() {
        Map<String, String> actual = new HashMap<>();
        for (Line l : f.actualLines) {
            if ("intent-classifier".equals(l.map().get("monitor_id"))) {
                actual.put((String) l.map().get("id"), (String) at(l.map(), "actual", "label"));
            }
        }
        double[][] sums = new double[2][3];
        for (Rec r : of("intent-classifier")) {
            String truth = actual.get((String) r.value().get("id"));
            if (truth == null) {
                continue;
            }
            int period = r.time().isBefore(SampleFixture.QUALITY_DROP) ? 0 : 1;
            sums[period][0]++;
            sums[period][1] += truth.equals(at(r.value(), "prediction", "label")) ? 1 : 0;
            sums[period][2] += (Double) at(r.value(), "prediction", "score");
        }
        assertEquals(0.85, sums[0][1] / sums[0][0], 0.05);
        assertEquals(0.6, sums[1][1] / sums[1][0], 0.06);
        assertEquals(sums[0][2] / sums[0][0], sums[1][2] / sums[1][0], 0.03);
    }

    private static List<Rec> of(String model) {
        return byModel.getOrDefault(model, List.of());
    }

    private static void assertArizeFeatures(Map<String, Object> features, int expected) {
        assertEquals(expected, features.size());
        for (Map.Entry<String, Object> e : features.entrySet()) {
            Map<?, ?> typed = (Map<?, ?>) e.getValue();
            assertEquals(1, typed.size(), e.getKey());
            Map.Entry<?, ?> t = typed.entrySet().iterator().next();
            switch ((String) t.getKey()) {
                case "double" -> assertInstanceOf(Double.class, t.getValue(), e.getKey());
                case "string" -> assertInstanceOf(String.class, t.getValue(), e.getKey());
                case "int" -> assertTrue(((String) t.getValue()).matches("-?\\d+"), e.getKey());
                default -> fail("feature type " + t.getKey());
            }
        }
    }

    private static void assertArizeTags(Map<String, Object> tags) {
        assertTrue(tags.keySet().containsAll(SEGMENT_KEYS), tags.toString());
        for (String key : SEGMENT_KEYS) {
            assertInstanceOf(String.class, at(tags, key, "string"), key);
        }
        assertTrue(Set.of("premium", "standard", "free").contains(at(tags, "user_segment", "string")));
        assertTrue(Set.of("north", "south", "east", "west").contains(at(tags, "region", "string")));
        assertTrue(Set.of("mobile", "web", "api").contains(at(tags, "platform", "string")));
        assertTrue(Set.of("hosted", "edge").contains(at(tags, "deployment_type", "string")));
        assertTrue(Set.of("0.15.3", "0.16.0").contains(at(tags, "inference_server_version", "string")));
        assertInstanceOf(Double.class, at(tags, "latency_ms", "double"));
    }

    private static void assertGuardianCommon(Map<String, Object> m, int features) {
        assertTrue(((String) m.get("id")).matches("inf_[0-9a-z]+"), (String) m.get("id"));
        assertInstanceOf(Long.class, m.get("latency_ms"));
        assertTrue(GUARDIAN_TS.matcher((String) m.get("timestamp")).matches());
        assertEquals(features, obj(m, "input_data").size());
        Map<String, Object> meta = obj(m, "metadata");
        assertEquals(List.of("user_segment", "region", "platform", "deployment_type", "inference_server_version",
                "model_version"), List.copyOf(meta.keySet()));
    }

    private static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }
}
