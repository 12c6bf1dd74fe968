package io.monitoring.spark;

import java.io.Serializable;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.util.DateTimeUtils;

/**
 * {@code date_trunc('hour' | 'day', ts)} on Spark's timestamps (microseconds since the epoch) in the
 * session's time zone, for Java loops over internal rows. Made on the driver, sent to the executors.
 */
public final class WindowStarts implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final long MICROS_PER_HOUR = 3_600_000_000L;
    private static final long MICROS_PER_DAY = 24 * MICROS_PER_HOUR;

    private final ZoneId zone;
    /** The zone's offset when it never changes (UTC): plain arithmetic then. */
    private final Long fixedOffsetMicros;

    private WindowStarts(ZoneId zone) {
        this.zone = zone;
        this.fixedOffsetMicros = zone.getRules().isFixedOffset()
                ? zone.getRules().getOffset(Instant.EPOCH).getTotalSeconds() * 1_000_000L : null;
    }

    /** In the session's time zone, as Spark's own date_trunc. */
    public static WindowStarts of(SparkSession spark) {
        return new WindowStarts(DateTimeUtils.getZoneId(spark.sessionState().conf().sessionLocalTimeZone()));
    }

    /** The start of {@code micros}' window of {@code granularity}: "hour" or "day". */
    public long start(String granularity, long micros) {
        return switch (granularity) {
            case "hour" -> truncate(micros, MICROS_PER_HOUR, ChronoUnit.HOURS);
            case "day" -> truncate(micros, MICROS_PER_DAY, ChronoUnit.DAYS);
            default -> throw new IllegalArgumentException("no window of granularity '" + granularity + "'");
        };
    }

    private long truncate(long micros, long unitMicros, ChronoUnit unit) {
        if (fixedOffsetMicros != null) {
            return Math.floorDiv(micros + fixedOffsetMicros, unitMicros) * unitMicros - fixedOffsetMicros;
        }
        Instant truncated = Instant.EPOCH.plus(micros, ChronoUnit.MICROS).atZone(zone).truncatedTo(unit).toInstant();
        return ChronoUnit.MICROS.between(Instant.EPOCH, truncated);
    }
}
