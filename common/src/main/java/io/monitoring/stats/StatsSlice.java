package io.monitoring.stats;

import java.io.Serializable;

/** One segment slice {@code key=value} of the stats; no slice means the whole model. */
public record StatsSlice(String key, String value) implements Serializable {
    public StatsSlice {
        if (key == null || key.isBlank() || value == null || value.isEmpty()) {
            throw new InvalidStatsRequestException(InvalidStatsRequestException.Reason.BAD_SLICE,
                    "a slice needs a key and a value, as key=value");
        }
    }

    /** {@code key=value}; the value may itself contain '='. */
    public static StatsSlice parse(String text) {
        int eq = text == null ? -1 : text.indexOf('=');
        if (eq <= 0 || eq == text.length() - 1) {
            throw new InvalidStatsRequestException(InvalidStatsRequestException.Reason.BAD_SLICE,
                    "slice '" + text + "' is not key=value");
        }
        return new StatsSlice(text.substring(0, eq).strip(), text.substring(eq + 1));
    }

    @Override
    public String toString() {
        return key + "=" + value;
    }
}
