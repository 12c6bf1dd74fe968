package io.monitoring.sample;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static io.monitoring.sample.LandingJson.*;

/**
 * {@code product-ranker}: a ranking model logging Guardian batch envelopes
 * {@code {"monitor_id", "inferences": [...]}} of up to 500 records shaped like seed 000: {@code input_data}
 * with {@code user_id, category, price_range, session_duration}, further features and a
 * {@code query_embedding} vector; {@code prediction{product_ids[10], scores[10] descending}}. About 15% of
 * records carry no {@code id} (ingest hashes them); those never get an actual, as nobody could reference
 * them. The actual is {@code {"relevant_items": [...], "relevance": [grades 1-3]}}: before the quality drop
 * an item's chance to be relevant follows its score; after it, relevance no longer depends on the rank and
 * relevant items missing from the list are more common, so NDCG falls while scores stay the same.
 */
final class ProductRankerModel extends GuardianModel {
    static final String ID = "product-ranker";
    static final String USER_ID = "user_id";
    static final String EMBEDDING = "query_embedding";
    static final int MAX_ENVELOPE = 500;
    static final int LIST_LENGTH = 10;
    private static final double NO_ID_SHARE = 0.15;
    private static final int USERS = 50_000;
    private static final int PRODUCTS_PER_CATEGORY = 400;
    private static final double RELEVANCE_RATE = 0.6;
    private static final double MISSED_ITEM_SHARE = 0.2;
    private static final double DEGRADED_MISSED_ITEM_SHARE = 0.6;
    private static final double EMBEDDING_NOISE = 0.3;
    private static final SerializedString USER_ID_FIELD = new SerializedString(USER_ID);
    private static final SerializedString EMBEDDING_FIELD = new SerializedString(EMBEDDING);
    private static final SerializedString PRODUCT_IDS = new SerializedString("product_ids");
    private static final SerializedString SCORES = new SerializedString("scores");
    private static final SerializedString RELEVANT_ITEMS = new SerializedString("relevant_items");
    private static final SerializedString RELEVANCE = new SerializedString("relevance");

    private final int maxBatch;
    private final LatentScore latent;
    private final double[][] centers;
    private final double embeddingShift;
    private final int[] products = new int[LIST_LENGTH];
    private final double[] scores = new double[LIST_LENGTH];
    private final double[] embedding;
    private final int[] relevantItems = new int[LIST_LENGTH + 1];
    private final int[] grades = new int[LIST_LENGTH + 1];
    private final char[] idBuffer = new char[16];
    private long userId;
    private int relevantCount;
    private boolean embeddingDrifted;

    ProductRankerModel(SampleSpec spec) {
        super(ID, ModelKind.RANKING, "v5.0.2", 60, new FeatureSet(
                FeatureCatalog.numeric(FeatureCatalog.RANKER_NUMERIC, Math.max(1, spec.numericFeatures())),
                FeatureCatalog.categorical(FeatureCatalog.rankerCategorical(),
                        Math.max(2, spec.categoricalFeatures()), spec.driftShift()),
                spec.driftFeatures(), spec.driftShift()));
        maxBatch = Math.min(MAX_ENVELOPE, spec.recordsPerFile());
        latent = new LatentScore(ID, features);
        int categories = features.categorical.get(0).categories.size();
        centers = new double[categories][spec.embeddingDim()];
        for (int c = 0; c < categories; c++) {
            var rng = Seeds.world(ID + "/embedding/" + c);
            for (int d = 0; d < centers[c].length; d++) {
                centers[c][d] = rng.nextGaussian() * 0.5;
            }
        }
        embedding = new double[spec.embeddingDim()];
        embeddingShift = spec.driftFeatures().contains(EMBEDDING) ? spec.driftShift() * EMBEDDING_NOISE : 0;
    }

    @Override
    int maxBatch() {
        return maxBatch;
    }

    @Override
    List<String> featureNames() {
        List<String> names = new ArrayList<>();
        names.add(USER_ID);
        names.addAll(features.names());
        names.add(EMBEDDING);
        return names;
    }

    @Override
    void emit(StreamContext c, long[] times, int count) throws IOException {
        JsonGenerator g = c.out.beginLine(count);
        g.writeStartObject();
        g.writeFieldName(MONITOR_ID);
        g.writeString(id);
        g.writeFieldName(INFERENCES);
        g.writeStartArray();
        for (int i = 0; i < count; i++) {
            long time = times[i];
            long uid = c.nextId();
            boolean delayed = drawRecord(c, time);
            String recordId = c.rng.nextDouble() < NO_ID_SHARE ? null : Ids.guardianId(uid);
            writeRecord(g, c, time, recordId, false, null);
            if (delayed && recordId != null) {
                emitActual(c, time, recordId);
            }
        }
        g.writeEndArray();
        g.writeEndObject();
        c.out.endLine(times[count - 1]);
        c.counter.batchEnvelopes++;
        c.counter.inferenceLines++;
    }

    /** A batch envelope with {@code size} small records, for the {@code batch_too_large} bad line. */
    void writeOversizedEnvelope(JsonGenerator g, StreamContext c, long time, int size) throws IOException {
        g.writeStartObject();
        g.writeFieldName(MONITOR_ID);
        g.writeString(id);
        g.writeFieldName(INFERENCES);
        g.writeStartArray();
        for (int i = 0; i < size; i++) {
            draw(c, time, false, false);
            g.writeStartObject();
            g.writeFieldName(INPUT_DATA);
            g.writeStartObject();
            writeSeedInputs(g);
            g.writeEndObject();
            g.writeFieldName(PREDICTION);
            writeRanking(g, 3);
            g.writeFieldName(LATENCY_MS);
            g.writeNumber(serving.latencyMillis());
            g.writeFieldName(TIMESTAMP);
            g.writeString(c.timestamps.chars(), 0, c.timestamps.seconds(time));
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    @Override
    protected void draw(StreamContext c, long time, boolean drifted, boolean degraded) {
        drawInputs(c, time, drifted);
        var rng = c.rng;
        userId = (long) Math.exp(rng.nextDouble() * Math.log(USERS));
        int category = row.category[0];
        for (int d = 0; d < embedding.length; d++) {
            double shift = drifted ? embeddingShift : 0;
            embedding[d] = round(centers[category][d] + EMBEDDING_NOISE * rng.nextGaussian() + shift, 1e4);
        }
        for (int i = 0; i < LIST_LENGTH; i++) {
            products[i] = drawProduct(rng, category, i);
        }
        double s = sigmoid(1.6 + 0.4 * latent.score(row) + 0.5 * rng.nextGaussian());
        double mean = 0;
        for (int i = 0; i < LIST_LENGTH; i++) {
            scores[i] = round(s, 1e4);
            mean += scores[i] / LIST_LENGTH;
            s *= 1 - 0.12 * rng.nextDouble();
        }
        relevantCount = 0;
        for (int i = 0; i < LIST_LENGTH; i++) {
            double p = degraded ? RELEVANCE_RATE * QUALITY_DROP_FACTOR * mean : RELEVANCE_RATE * scores[i];
            if (rng.nextDouble() < p) {
                relevantItems[relevantCount] = products[i];
                grades[relevantCount++] = 1 + (rng.nextDouble() < scores[i] ? 1 : 0)
                        + (rng.nextDouble() < scores[i] * scores[i] ? 1 : 0);
            }
        }
        if (rng.nextDouble() < (degraded ? DEGRADED_MISSED_ITEM_SHARE : MISSED_ITEM_SHARE)) {
            int missed = drawProduct(rng, category, LIST_LENGTH);
            if (!listed(missed, LIST_LENGTH)) {
                relevantItems[relevantCount] = missed;
                grades[relevantCount++] = 1 + (rng.nextDouble() < 0.5 ? 1 : 0);
            }
        }
    }

    /** A product of the category, popular ones more often, not among the first {@code taken} listed. */
    private int drawProduct(java.util.SplittableRandom rng, int category, int taken) {
        int product = 0;
        for (int attempt = 0; attempt < 64; attempt++) {
            int rank = (int) Math.exp(rng.nextDouble() * Math.log(PRODUCTS_PER_CATEGORY));
            product = (category + 1) * 1000 + rank;
            if (!listed(product, taken)) {
                return product;
            }
        }
        return product;
    }

    private boolean listed(int product, int upTo) {
        for (int i = 0; i < upTo; i++) {
            if (products[i] == product) {
                return true;
            }
        }
        return false;
    }

    @Override
    protected void writeInputData(JsonGenerator g) throws IOException {
        writeSeedInputs(g);
        for (int j = 2; j < row.category.length; j++) {
            g.writeFieldName(features.categoricalNames[j]);
            g.writeString(features.categoryOf(row, j));
        }
        writeNumericFeatures(g, 1);
        g.writeFieldName(EMBEDDING_FIELD);
        numbers(g, embedding, embedding.length);
    }

    /** {@code user_id, category, price_range, session_duration}, as in seed 000. */
    private void writeSeedInputs(JsonGenerator g) throws IOException {
        g.writeFieldName(USER_ID_FIELD);
        g.writeString(idBuffer, 0, itemId('u', userId));
        g.writeFieldName(features.categoricalNames[0]);
        g.writeString(features.categoryOf(row, 0));
        g.writeFieldName(features.categoricalNames[1]);
        g.writeString(features.categoryOf(row, 1));
        g.writeFieldName(features.numericNames[0]);
        g.writeNumber((long) row.numeric[0]);
    }

    @Override
    protected void writePrediction(JsonGenerator g) throws IOException {
        writeRanking(g, LIST_LENGTH);
    }

    private void writeRanking(JsonGenerator g, int length) throws IOException {
        g.writeStartObject();
        g.writeFieldName(PRODUCT_IDS);
        g.writeStartArray();
        for (int i = 0; i < length; i++) {
            g.writeString(idBuffer, 0, itemId('p', products[i]));
        }
        g.writeEndArray();
        g.writeFieldName(SCORES);
        numbers(g, scores, length);
        g.writeEndObject();
    }

    private void numbers(JsonGenerator g, double[] values, int length) throws IOException {
        g.writeStartArray();
        for (int i = 0; i < length; i++) {
            number(g, values[i], 4);
        }
        g.writeEndArray();
    }

    @Override
    protected void writeActual(JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeFieldName(RELEVANT_ITEMS);
        g.writeStartArray();
        for (int i = 0; i < relevantCount; i++) {
            g.writeString(idBuffer, 0, itemId('p', relevantItems[i]));
        }
        g.writeEndArray();
        g.writeFieldName(RELEVANCE);
        g.writeArray(grades, 0, relevantCount);
        g.writeEndObject();
    }

    /** Formats {@code p1234} / {@code u42} into the reused buffer. */
    private int itemId(char prefix, long number) {
        String digits = Long.toString(number);
        idBuffer[0] = prefix;
        digits.getChars(0, digits.length(), idBuffer, 1);
        return digits.length() + 1;
    }
}
