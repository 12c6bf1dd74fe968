package io.monitoring.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_trunc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.monitoring.testing.SharedSpark;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** Window starts equal Spark's own date_trunc in the session's zone: UTC, a half-hour offset, and a zone with DST. */
class WindowStartsTest {
    private static final StructType TIMES = new StructType().add("t", DataTypes.TimestampType, false);

    @Test
    void sameAsDateTruncInTheSessionZone() {
        SparkSession spark = SharedSpark.get();
        String before = spark.conf().get("spark.sql.session.timeZone");
        List<Instant> times = List.of(Instant.parse("2024-03-10T06:59:59.999999Z"), Instant.parse("2024-03-10T07:00:00Z"),
                Instant.parse("2024-03-10T07:30:00Z"), Instant.parse("2024-11-03T05:30:00Z"), Instant.parse("2024-11-03T06:30:00Z"),
                Instant.parse("1969-12-31T23:59:59.5Z"), Instant.parse("2024-05-01T18:45:00Z"));
        List<Row> rows = new ArrayList<>();
        times.forEach(t -> rows.add(RowFactory.create(t)));
        try {
            for (String zone : List.of("UTC", "Asia/Kolkata", "America/New_York")) {
                spark.conf().set("spark.sql.session.timeZone", zone);
                WindowStarts starts = WindowStarts.of(spark);
                for (String granularity : List.of("hour", "day")) {
                    List<Row> spark3 = spark.createDataFrame(rows, TIMES).select(date_trunc(granularity, col("t"))).collectAsList();
                    for (int i = 0; i < times.size(); i++) {
                        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, times.get(i));
                        Instant expected = spark3.get(i).getInstant(0);
                        assertEquals(expected, Instant.EPOCH.plus(starts.start(granularity, micros), ChronoUnit.MICROS),
                                zone + " " + granularity + " of " + times.get(i));
                    }
                }
            }
        } finally {
            spark.conf().set("spark.sql.session.timeZone", before);
        }
        assertThrows(IllegalArgumentException.class, () -> WindowStarts.of(spark).start("week", 0));
    }
}
