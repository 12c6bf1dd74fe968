package io.monitoring.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.monitoring.config.ConfigLoader;
import io.monitoring.config.MonitoringConfig;
import io.monitoring.stats.InvalidStatsRequestException.Reason;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class InferenceStatsRequestTest {
    private static final MonitoringConfig CONFIG = ConfigLoader.load(null, Map.of("models.workspace-of-model.cards", "acme"));

    private static Instant t(String iso) {
        return Instant.parse(iso);
    }

    @Test
    void rangeEdgesSnapOutwardsToWholeHoursAndPrevIsTheEqualPeriodBefore() {
        InferenceStatsRequest r = InferenceStatsRequest.parse("default", "2024-05-01 10:30:00", "2024-05-01 12:15:00", null, null);
        assertEquals(new TimeWindow(t("2024-05-01T10:00:00Z"), t("2024-05-01T13:00:00Z")), r.range());
        assertEquals(new TimeWindow(t("2024-05-01T07:00:00Z"), t("2024-05-01T10:00:00Z")), r.previousRange());

        InferenceStatsRequest whole = InferenceStatsRequest.parse("default", "2024-05-01 00:00:00", "2024-05-02 00:00:00", "", " ");
        assertEquals(new TimeWindow(t("2024-05-01T00:00:00Z"), t("2024-05-02T00:00:00Z")), whole.range());
        assertEquals(new TimeWindow(t("2024-04-30T00:00:00Z"), t("2024-05-01T00:00:00Z")), whole.previousRange());
        assertEquals(List.of(), whole.models());
        assertNull(whole.slice());

        InferenceStatsRequest inOneHour = InferenceStatsRequest.parse("default", "2024-05-01 10:00:01", "2024-05-01 10:00:02", null, null);
        assertEquals(new TimeWindow(t("2024-05-01T10:00:00Z"), t("2024-05-01T11:00:00Z")), inOneHour.range());
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"2024-13-01 00:00:00", "2024-02-30 00:00:00", "2024-05-01 24:00:00", "2024-05-01T00:00:00",
        "2024-05-01", "2024-05-01 00:00", "yesterday", "2024-05-01 00:00:00Z", "1714521600"})
    void malformedTimesAreRefused(String text) {
        InvalidStatsRequestException e = assertThrows(InvalidStatsRequestException.class,
                () -> InferenceStatsRequest.parse("default", text, "2024-05-02 00:00:00", null, null));
        assertEquals(Reason.MALFORMED_TIME, e.reason());
        assertTrue(e.getMessage().contains("startTime") && e.getMessage().contains("YYYY-MM-DD HH:mm:ss"), e.getMessage());
    }

    @Test
    void anEndNotAfterTheStartIsRefused() {
        for (String end : List.of("2024-05-01 09:59:59", "2024-05-01 10:00:00")) {
            InvalidStatsRequestException e = assertThrows(InvalidStatsRequestException.class,
                    () -> InferenceStatsRequest.parse("default", "2024-05-01 10:00:00", end, null, null));
            assertEquals(Reason.BAD_RANGE, e.reason());
            assertTrue(e.getMessage().contains("must be after"), e.getMessage());
        }
    }

    @Test
    void workspacesAreTheConfiguredOnes() {
        assertEquals(Set.of("acme", "default"), InferenceStatsRequest.knownWorkspaces(CONFIG.models()));
        InferenceStatsRequest.parse("acme", "2024-05-01 00:00:00", "2024-05-02 00:00:00", null, null).validate(CONFIG);
        InvalidStatsRequestException e = assertThrows(InvalidStatsRequestException.class,
                () -> InferenceStatsRequest.parse("nobody", "2024-05-01 00:00:00", "2024-05-02 00:00:00", null, null).validate(CONFIG));
        assertEquals(Reason.UNKNOWN_WORKSPACE, e.reason());
        assertTrue(e.getMessage().contains("'nobody'"), e.getMessage());
        assertEquals(Reason.UNKNOWN_WORKSPACE, assertThrows(InvalidStatsRequestException.class,
                () -> InferenceStatsRequest.parse(" ", "2024-05-01 00:00:00", "2024-05-02 00:00:00", null, null)).reason());
    }

    @Test
    void modelNamesAreCommaSeparatedTrimmedAndDistinct() {
        InferenceStatsRequest r = InferenceStatsRequest.parse("default", "2024-05-01 00:00:00", "2024-05-02 00:00:00",
                " license-plate-detector, truck-detector,,license-plate-detector ", null);
        assertEquals(List.of("license-plate-detector", "truck-detector"), r.models());
    }

    @Test
    void slicesAreKeyEqualsValueOnAConfiguredSegmentKey() {
        InferenceStatsRequest r = InferenceStatsRequest.parse("default", "2024-05-01 00:00:00", "2024-05-02 00:00:00", null, "region=eu=west");
        assertEquals(new StatsSlice("region", "eu=west"), r.slice());
        r.validate(CONFIG);
        for (String bad : List.of("region", "=eu", "region=")) {
            assertEquals(Reason.BAD_SLICE, assertThrows(InvalidStatsRequestException.class,
                    () -> InferenceStatsRequest.parse("default", "2024-05-01 00:00:00", "2024-05-02 00:00:00", null, bad)).reason());
        }
        InvalidStatsRequestException e = assertThrows(InvalidStatsRequestException.class,
                () -> InferenceStatsRequest.parse("default", "2024-05-01 00:00:00", "2024-05-02 00:00:00", null, "colour=red").validate(CONFIG));
        assertEquals(Reason.BAD_SLICE, e.reason());
    }

    @Test
    void hoursAndDaysOfAWindow() {
        TimeWindow w = HourlyWindows.outward(new TimeWindow(t("2024-05-01T22:10:00Z"), t("2024-05-02T01:00:00Z")));
        assertEquals(new TimeWindow(t("2024-05-01T22:00:00Z"), t("2024-05-02T01:00:00Z")), w);
        assertEquals(3, HourlyWindows.hours(w).size());
        assertEquals(List.of(new TimeWindow(t("2024-05-01T00:00:00Z"), t("2024-05-02T00:00:00Z")),
                new TimeWindow(t("2024-05-02T00:00:00Z"), t("2024-05-03T00:00:00Z"))), HourlyWindows.daysTouched(w));
        assertEquals(1, HourlyWindows.daysTouched(new TimeWindow(t("2024-05-01T00:00:00Z"), t("2024-05-02T00:00:00Z"))).size());
    }
}
