package io.monitoring.drift;

import static io.monitoring.drift.DriftColumns.*;
import static org.junit.jupiter.api.Assertions.*;

import io.monitoring.config.ConfigLoader;
import io.monitoring.config.MonitoringConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The minimum-sample rule and the Benjamini-Hochberg adjustment change verdicts as documented. */
class DriftVerdictsTest {
    private final MonitoringConfig.Drift defaults = ConfigLoader.defaults().drift();
    private static final BinSpec COLORS = new BinSpec("m", "color", CATEGORICAL, null, null, List.of("red", "blue"), null, null);

    @Test
    void belowTheMinimumSampleThereIsNoVerdict() {
        assertEquals(400, defaults.minSampleSize());
        ColumnProfile baseline = colors(0, 700, 300);
        // the same strong shift (70/30 -> 30/70) with 300 and with 500 current values
        Map<String, Object> small = judgeAlone(DriftComparison.compare(CATEGORICAL, COLORS, baseline, colors(0, 90, 210), defaults));
        Map<String, Object> large = judgeAlone(DriftComparison.compare(CATEGORICAL, COLORS, baseline, colors(0, 150, 350), defaults));

        assertEquals(STATUS_INSUFFICIENT, small.get(STATUS));
        assertNull(small.get(DRIFTED), "insufficient data instead of a verdict");
        assertNull(small.get(SEVERITY));
        assertNull(small.get(P_VALUE_ADJUSTED), "not counted as a test");
        assertTrue((Double) small.get(P_VALUE) < 0.05, "the raw test alone would have flagged it");

        assertEquals(STATUS_OK, large.get(STATUS));
        assertEquals(Boolean.TRUE, large.get(DRIFTED));
        assertEquals(300L, small.get(SAMPLE_SIZE));
        assertEquals(500L, large.get(SAMPLE_SIZE));
    }

    @Test
    void theMinimumCountsNonNullValuesOnEachSide() {
        // 150 rows of which 80 are null: 70 values, below 400
        Map<String, Object> m = DriftComparison.compare(CATEGORICAL, COLORS, colors(0, 700, 300), colors(80, 20, 50), defaults);
        assertEquals(STATUS_INSUFFICIENT, m.get(STATUS));
        assertEquals(80.0 / 150, (Double) m.get(NULL_SHARE), 1e-12);
        // no bins for the column: nothing to compare with
        assertEquals(STATUS_NO_BASELINE, DriftComparison.compare(CATEGORICAL, null, colors(0, 700, 300),
                colors(0, 20, 50), defaults).get(STATUS));
    }

    @Test
    void benjaminiHochbergKeepsOneBorderlineResultAmongManyFromDrifting() {
        Map<String, Object> alone = judgeAlone(tested(0.01, 0.3));
        assertEquals(Boolean.TRUE, alone.get(DRIFTED), "one test: adjusted p = raw p = 0.01");
        assertEquals(0.01, (Double) alone.get(P_VALUE_ADJUSTED), 1e-12);

        List<Map<String, Object>> family = new ArrayList<>();
        family.add(tested(0.01, 0.3));
        for (int i = 0; i < 19; i++) {
            family.add(tested(0.9, 0.02));
        }
        DriftVerdicts.judge(family, defaults);
        Map<String, Object> same = family.get(0);
        assertEquals(0.2, (Double) same.get(P_VALUE_ADJUSTED), 1e-12, "0.01 * 20 tests / rank 1");
        assertEquals(0.01, (Double) same.get(P_VALUE), 1e-12, "the raw p-value is kept");
        assertEquals(Boolean.FALSE, same.get(DRIFTED), "not significant after the adjustment, although KS 0.3 >= 0.1");
        assertEquals(List.of(KS_STATISTIC), same.get(DRIFT_REASONS));
    }

    @Test
    void benjaminiHochbergIsNotBonferroni() {
        // twenty shifts with p = 0.01 each: BH keeps them all at 0.01 (Bonferroni would make them 0.2)
        List<Map<String, Object>> family = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            family.add(tested(0.01, 0.3));
        }
        DriftVerdicts.judge(family, defaults);
        for (Map<String, Object> m : family) {
            assertEquals(0.01, (Double) m.get(P_VALUE_ADJUSTED), 1e-12);
            assertEquals(Boolean.TRUE, m.get(DRIFTED));
        }
    }

    @Test
    void significantButNegligibleShiftsDoNotDrift() {
        Map<String, Object> m = judgeAlone(tested(1e-12, 0.03));
        assertEquals(Boolean.FALSE, m.get(DRIFTED), "huge samples make tiny shifts significant; the thresholds hold");
        assertEquals("none", m.get(SEVERITY));
    }

    @Test
    void severityFollowsTheLargestRatioToItsThreshold() {
        assertEquals("low", judgeAlone(tested(0.001, 0.12)).get(SEVERITY));
        assertEquals("medium", judgeAlone(tested(0.001, 0.16)).get(SEVERITY));
        assertEquals("high", judgeAlone(tested(0.001, 0.3)).get(SEVERITY));
    }

    private Map<String, Object> judgeAlone(Map<String, Object> row) {
        List<Map<String, Object>> family = new ArrayList<>(List.of(row));
        DriftVerdicts.judge(family, defaults);
        return family.get(0);
    }

    /** A numeric comparison with status ok, a KS statistic and its raw p-value. */
    private static Map<String, Object> tested(double pValue, double ks) {
        Map<String, Object> m = new HashMap<>();
        m.put(STATUS, STATUS_OK);
        m.put(COLUMN_TYPE, NUMERIC);
        m.put(KS_STATISTIC, ks);
        m.put(P_VALUE, pValue);
        return m;
    }

    private static ColumnProfile colors(long nulls, long red, long blue) {
        return new ColumnProfile(CATEGORICAL, Map.of(BIN_NULL, cell(nulls), 1, cell(red), 2, cell(blue)));
    }

    private static ColumnProfile.Cell cell(long n) {
        return new ColumnProfile.Cell(n, 0, 0, 0);
    }
}
