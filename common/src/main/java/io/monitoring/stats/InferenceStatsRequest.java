package io.monitoring.stats;

import io.monitoring.config.MonitoringConfig;
import io.monitoring.stats.InvalidStatsRequestException.Reason;
import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The parameters of {@code GET /:workspace/inference-stats}: workspace, the requested [start, end)
 * in UTC, model names (empty: every model of the workspace) and an optional segment slice.
 *
 * <p>Stats are hourly, so the range actually reported, {@link #range()}, is the requested one with
 * its start snapped down and its end snapped up to whole UTC hours: "10:30 to 12:15" reports the
 * hours 10:00 to 13:00. The previous period is the range of equal length just before it.
 */
public record InferenceStatsRequest(String workspace, Instant start, Instant end, List<String> models, StatsSlice slice)
        implements Serializable {
    /** The endpoint's time format, read as UTC. */
    public static final String TIME_PATTERN = "YYYY-MM-DD HH:mm:ss";
    private static final DateTimeFormatter TIME_FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss").withResolverStyle(ResolverStyle.STRICT);

    public InferenceStatsRequest {
        if (workspace == null || workspace.isBlank()) {
            throw new InvalidStatsRequestException(Reason.UNKNOWN_WORKSPACE, "a workspace is required");
        }
        if (start == null || end == null) {
            throw new InvalidStatsRequestException(Reason.BAD_RANGE, "startTime and endTime are required");
        }
        if (!end.isAfter(start)) {
            throw new InvalidStatsRequestException(Reason.BAD_RANGE,
                    "endTime " + format(end) + " must be after startTime " + format(start));
        }
        models = cleanModels(models);
    }

    public static InferenceStatsRequest of(String workspace, Instant start, Instant end) {
        return new InferenceStatsRequest(workspace, start, end, List.of(), null);
    }

    /**
     * The endpoint's parameters as text: times as {@value #TIME_PATTERN} (UTC), model names comma
     * separated (null or blank: all), slice as {@code key=value} (null or blank: whole model).
     */
    public static InferenceStatsRequest parse(String workspace, String startTime, String endTime, String modelNames,
            String slice) {
        Instant start = parseTime("startTime", startTime);
        Instant end = parseTime("endTime", endTime);
        List<String> models = modelNames == null ? List.of() : List.of(modelNames.split(","));
        StatsSlice s = slice == null || slice.isBlank() ? null : StatsSlice.parse(slice);
        return new InferenceStatsRequest(workspace, start, end, models, s);
    }

    /** {@value #TIME_PATTERN} in UTC, strictly (no 24:00, no February 30th). */
    public static Instant parseTime(String parameter, String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidStatsRequestException(Reason.MALFORMED_TIME, parameter + " is required, as " + TIME_PATTERN);
        }
        try {
            return LocalDateTime.parse(text.strip(), TIME_FORMAT).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new InvalidStatsRequestException(Reason.MALFORMED_TIME,
                    parameter + " '" + text + "' is not a UTC date-time as " + TIME_PATTERN);
        }
    }

    public static String format(Instant t) {
        return TIME_FORMAT.format(LocalDateTime.ofInstant(t, ZoneOffset.UTC));
    }

    /** The reported range: the requested one snapped outwards to whole UTC hours. */
    public TimeWindow range() {
        return HourlyWindows.outward(new TimeWindow(start, end));
    }

    /** The period of equal length right before {@link #range()}: the {@code prev_*} values. */
    public TimeWindow previousRange() {
        return range().previous();
    }

    /**
     * Refuses a workspace the config does not know (neither the default workspace nor one a model is
     * mapped to) and a slice on a key that is not a configured segment key.
     */
    public void validate(MonitoringConfig config) {
        Set<String> known = knownWorkspaces(config.models());
        if (!known.contains(workspace)) {
            throw new InvalidStatsRequestException(Reason.UNKNOWN_WORKSPACE,
                    "unknown workspace '" + workspace + "'; known: " + String.join(", ", known));
        }
        if (slice != null && !config.segments().keys().contains(slice.key())) {
            throw new InvalidStatsRequestException(Reason.BAD_SLICE, "slice key '" + slice.key()
                    + "' is not a segment key; configured: " + String.join(", ", config.segments().keys()));
        }
    }

    /** The configured workspaces, sorted: the default one and every one a model is mapped to. */
    public static Set<String> knownWorkspaces(MonitoringConfig.Models models) {
        Set<String> known = new TreeSet<>(models.workspaceOfModel().values());
        known.add(models.defaultWorkspace());
        return known;
    }

    private static List<String> cleanModels(List<String> models) {
        if (models == null) {
            return List.of();
        }
        Set<String> clean = new LinkedHashSet<>();
        for (String m : models) {
            if (m != null && !m.isBlank()) {
                clean.add(m.strip());
            }
        }
        return List.copyOf(new ArrayList<>(clean));
    }
}
