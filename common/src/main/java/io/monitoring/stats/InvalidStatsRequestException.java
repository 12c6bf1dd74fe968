package io.monitoring.stats;

/**
 * A stats request the endpoint would refuse: {@link Reason#UNKNOWN_WORKSPACE} is a 404, the others
 * a 400. The message says what was wrong and what is expected.
 */
public final class InvalidStatsRequestException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public enum Reason { MALFORMED_TIME, BAD_RANGE, UNKNOWN_WORKSPACE, BAD_SLICE }

    private final Reason reason;

    public InvalidStatsRequestException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
