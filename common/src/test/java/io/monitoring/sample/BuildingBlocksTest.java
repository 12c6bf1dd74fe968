package io.monitoring.sample;

import com.fasterxml.jackson.core.JsonGenerator;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

class BuildingBlocksTest {
    private static final java.util.regex.Pattern UUID_V4 =
            java.util.regex.Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");

    @Test
    void decimalWriterWritesPlainNumbersThatParseBackExactly() throws IOException {
        assertEquals("160.0", decimal(160.0, 1));
        assertEquals("0.0001", decimal(0.0001, 4));
        assertEquals("-1.8", decimal(-1.8, 1));
        assertEquals("80.56", decimal(80.56, 2));
        assertEquals("0.0", decimal(0.0, 4));
        assertEquals("3.0", decimal(3, 0));
        assertEquals("412345.67", decimal(412345.67, 2));
        SplittableRandom rng = new SplittableRandom(1);
        for (int i = 0; i < 10_000; i++) {
            int decimals = rng.nextInt(7);
            double scale = Math.pow(10, decimals);
            double value = Math.round((rng.nextDouble() - 0.3) * Math.pow(10, rng.nextInt(8)) * scale) / scale;
            assertEquals(value, Double.parseDouble(decimal(value, decimals)), 0.0, value + "/" + decimals);
        }
    }

    private static String decimal(double value, int decimals) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = LandingJson.generator(out)) {
            new DecimalWriter().write(g, value, decimals);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void idsAreUniqueAndShapedLikeTheSeeds() {
        Ids ids = new Ids(42);
        Set<String> predictionIds = new HashSet<>();
        Set<String> guardianIds = new HashSet<>();
        for (int stream = 0; stream < 7; stream++) {
            for (int day = 0; day < 3; day++) {
                for (long seq = 0; seq < 1_000; seq++) {
                    long unique = ids.unique(stream, day, seq);
                    String uuid = Ids.predictionId(unique);
                    assertTrue(UUID_V4.matcher(uuid).matches(), uuid);
                    assertTrue(predictionIds.add(uuid));
                    assertTrue(guardianIds.add(Ids.guardianId(unique)));
                }
            }
        }
        SplittableRandom rng = new SplittableRandom(3);
        for (long x : new long[] {0, 1, 35, 36, -1, Long.MIN_VALUE, Long.MAX_VALUE}) {
            assertEquals("inf_" + Long.toUnsignedString(x, 36), Ids.guardianId(x));
        }
        for (int i = 0; i < 10_000; i++) {
            long x = rng.nextLong();
            assertEquals("inf_" + Long.toUnsignedString(x, 36), Ids.guardianId(x));
        }
        assertThrows(IllegalArgumentException.class, () -> ids.unique(256, 0, 0));
    }

    @Test
    void sortedTimesAscendWithinTheDay() {
        long dayStart = 20_000L * Timestamps.MICROS_PER_DAY;
        SortedTimes times = new SortedTimes(new SplittableRandom(5), new DailyProfile(), dayStart, 100_000);
        long previous = Long.MIN_VALUE;
        int n = 0;
        while (times.hasNext()) {
            long t = times.next();
            assertTrue(t >= previous);
            assertTrue(t >= dayStart && t < dayStart + Timestamps.MICROS_PER_DAY);
            previous = t;
            n++;
        }
        assertEquals(100_000, n);
    }

    @Test
    void volumePlanSplitsExactly() {
        long[] parts = VolumePlan.split(1_000_003, new double[] {0.8, 1, 1, 1, 1, 1, 0.8});
        long total = 0;
        for (long p : parts) {
            total += p;
        }
        assertEquals(1_000_003, total);
        assertEquals(parts[1], parts[2], 1);
        assertEquals(0.8, parts[0] / (double) parts[1], 0.001);
        assertArrayEquals(new long[] {0, 0}, VolumePlan.split(0, new double[] {1, 1}));
    }

    @Test
    void actualDelaysAreMostlyWithinADayOrTwo() {
        ActualDelays delays = new ActualDelays(72);
        SplittableRandom rng = new SplittableRandom(9);
        int n = 50_000;
        int withinHour = 0;
        int withinTwoDays = 0;
        for (int i = 0; i < n; i++) {
            long d = delays.drawMicros(rng);
            assertTrue(d >= 0 && d <= 72 * Timestamps.MICROS_PER_HOUR);
            withinHour += d < Timestamps.MICROS_PER_HOUR ? 1 : 0;
            withinTwoDays += d < 48 * Timestamps.MICROS_PER_HOUR ? 1 : 0;
        }
        assertTrue(withinHour > 0.1 * n && withinHour < 0.25 * n, "within the hour: " + withinHour);
        assertTrue(withinTwoDays > 0.85 * n, "within two days: " + withinTwoDays);
        assertEquals(3, delays.maxDaysLate());
        assertEquals(0, new ActualDelays(0).drawMicros(rng));
    }

    @Test
    void actualRouterKeepsFewPartitionsOpen(@TempDir java.nio.file.Path dir) throws IOException {
        ActualDelays delays = new ActualDelays(72);
        List<WrittenFile> written = new ArrayList<>();
        try (FileSystem fs = FileSystem.newInstance(dir.toUri(), new Configuration())) {
            ActualRouter router = new ActualRouter(fs, new Path(dir.toUri()), true, 1_000, written);
            SplittableRandom rng = new SplittableRandom(2);
            long firstDay = 20_000;
            for (long day = firstDay; day < firstDay + 7; day++) {
                router.closeBefore(day);
                for (int i = 0; i < 200; i++) {
                    long t = day * Timestamps.MICROS_PER_DAY + (long) (rng.nextDouble() * Timestamps.MICROS_PER_DAY);
                    long arrival = t + delays.drawMicros(rng);
                    byte[] line = "\"x\"\n".getBytes(StandardCharsets.UTF_8);
                    router.forArrival(arrival).write(line, 0, line.length, 1, arrival);
                }
            }
            router.closeAll();
            assertTrue(router.maxOpen() <= 72 / 24 + 2, "open writers " + router.maxOpen());
        }
        assertEquals(7 + 3, written.size());
    }
}
