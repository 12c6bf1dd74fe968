package io.monitoring.stats;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;

/** A half-open UTC time window {@code [start, end)}; "prev" is the window of equal length before it. */
public record TimeWindow(Instant start, Instant end) implements Serializable {
    public TimeWindow {
        if (start == null || end == null) {
            throw new IllegalArgumentException("a window needs a start and an end");
        }
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("window end " + end + " must be after its start " + start);
        }
    }

    public Duration length() {
        return Duration.between(start, end);
    }

    public TimeWindow previous() {
        return new TimeWindow(start.minus(length()), start);
    }

    public boolean contains(Instant t) {
        return !t.isBefore(start) && t.isBefore(end);
    }

    @Override
    public String toString() {
        return "[" + start + ", " + end + ")";
    }
}
