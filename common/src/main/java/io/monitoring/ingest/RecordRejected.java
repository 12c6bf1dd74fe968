package io.monitoring.ingest;

import io.monitoring.model.RejectReason;

/** Why one record cannot be accepted. Thrown inside the mappers; turned into a quarantine row. */
public final class RecordRejected extends Exception {
    private final RejectReason reason;
    private final String modelId;

    public RecordRejected(RejectReason reason, String detail) {
        this(reason, detail, null);
    }

    public RecordRejected(RejectReason reason, String detail, String modelId) {
        super(detail, null, false, false);
        this.reason = reason;
        this.modelId = modelId;
    }

    public RejectReason reason() {
        return reason;
    }

    public String modelId() {
        return modelId;
    }

    public RecordRejected withModel(String model) {
        return modelId != null || model == null ? this : new RecordRejected(reason, getMessage(), model);
    }
}
