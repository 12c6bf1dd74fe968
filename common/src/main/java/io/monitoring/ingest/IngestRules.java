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

    public Instant newestAccepted() {
        return asOf.plus(limits.futureTolerance());
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

    /** Seed 001's "timestamp must range from now back to T-90 days", with now = the run's as-of. */
    public Instant requireInRange(Instant time, String field) throws RecordRejected {
        if (time.isBefore(oldestAccepted())) {
            throw new RecordRejected(RejectReason.TIMESTAMP_OUT_OF_RANGE,
                    field + " " + time + " is older than " + limits.maxAge().toDays() + " days before " + asOf);
        }
        if (time.isAfter(newestAccepted())) {
            throw new RecordRejected(RejectReason.TIMESTAMP_OUT_OF_RANGE,
                    field + " " + time + " is in the future of " + asOf);
        }
        return time;
    }
}
