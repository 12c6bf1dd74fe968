package io.monitoring.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.monitoring.stats.TimeWindow;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StatsWindowPredicateTest {
    @Test
    void wholeDaysAreTheirPartitionsOnly() {
        TimeWindow twoDays = new TimeWindow(Instant.parse("2026-03-01T00:00:00Z"), Instant.parse("2026-03-03T00:00:00Z"));
        assertEquals("event_date >= DATE'2026-03-01' AND event_date <= DATE'2026-03-02'", StatsJob.windowPredicate(twoDays));
    }

    @Test
    void hoursWithinDaysNameTheirWindowStarts() {
        TimeWindow hours = new TimeWindow(Instant.parse("2026-03-01T05:00:00Z"), Instant.parse("2026-03-02T00:00:00Z"));
        assertEquals("event_date >= DATE'2026-03-01' AND event_date <= DATE'2026-03-01'"
                + " AND window_start >= TIMESTAMP'2026-03-01T05:00:00Z' AND window_start < TIMESTAMP'2026-03-02T00:00:00Z'",
                StatsJob.windowPredicate(hours));
    }
}
