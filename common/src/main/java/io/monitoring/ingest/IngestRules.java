package io.monitoring.ingest;

import io.monitoring.config.MonitoringConfig;
import io.monitoring.model.RejectReason;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What decides acceptance for one ingest run: its as-of time, the limits and the model mapping. */
public record IngestRules(Instant asOf, MonitoringConfig.Ingest limits, MonitoringConfig.Models models,
        PersonalData personalData) implements Serializable {

    /** The rules of a run: personal-data handling resolved from config and the environment. */
    public static IngestRules of(Instant asOf, MonitoringConfig config, Map<String, String> env) {
        MonitoringConfig.Privacy privacy = config.privacy();
        return new IngestRules(asOf, config.ingest(), config.models(), PersonalData.of(
                Set.copyOf(privacy.dropFields()), Set.copyOf(privacy.hashFields()), privacy.hashKeyEnv(), env));
    }

    public Instant oldestAccepted() {
        return asOf.minus(limits.maxAge());
    }

    /** A configured embedding length (models.embedding-dimensions) must match; unconfigured ones are not checked. */
    void requireEmbeddingDimensions(String model, Features features) throws RecordRejected {
        for (Map.Entry<String, List<Double>> e : features.embedding().entrySet()) {
            Integer expected = models.embeddingDimension(model, e.getKey());
            if (expected != null && expected != e.getValue().size()) {
                throw new RecordRejected(RejectReason.EMBEDDING_DIMENSION_MISMATCH, "embedding " + e.getKey() + " has "
                        + e.getValue().size() + " dimensions; model " + model + " expects " + expected);
            }
        }
    }

    /**
     * Seed 001's "timestamp must range from now back to T-90 days". The past limit is measured
     * from the run's as-of. The future limit is the landing time of the file that carries the
     * record: nothing can have happened after the file holding it was written. Measuring the
     * future from the as-of instead would quarantine, in a catchup or backfill run, every record
     * of the days after the run's interval whose files already exist.
     */
    public Instant requireInRange(Instant time, String field, Instant fileLandedAt) throws RecordRejected {
        if (time.isBefore(oldestAccepted())) {
            throw new RecordRejected(RejectReason.TIMESTAMP_OUT_OF_RANGE,
                    field + " " + time + " is older than " + limits.maxAge().toDays() + " days before " + asOf);
        }
        if (time.isAfter(fileLandedAt.plus(limits.futureTolerance()))) {
            throw new RecordRejected(RejectReason.TIMESTAMP_OUT_OF_RANGE,
                    field + " " + time + " is later than its file's landing time " + fileLandedAt);
        }
        return time;
    }
}
