package io.monitoring.io;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/** The write plan of one kind of an ingest batch: tasks over its cached partitions, or the shuffle. */
class InPlaceWriteTest {
    private static final long MIB = 1L << 20;
    private static final long MAX = 128 * MIB;
    private static final long MIN = 8 * MIB;

    private static int tasks(long bytes, int dates, int partitions, int cores) {
        return InPlaceWrite.plan(bytes, dates, partitions, cores, MAX, MIN).tasks();
    }

    @Test
    void aDayOfInferencesFillsWholeWavesOfTheCores() {
        // the bench's 1M day: 269 MB of gzip in 21 inference files (33 with the actuals')
        assertEquals(4, tasks(268_798_149L, 1, 33, 2), "3 by size, rounded up to two waves of 2 cores");
        assertEquals(3, tasks(268_798_149L, 1, 33, 1), "one core: the size alone");
        assertEquals(8, tasks(1_071_673_057L, 1, 125, 2), "4M: 8 by size, already whole waves");
    }

    @Test
    void aSmallBatchIsNotSpreadThinnerThanTheMinimum() {
        assertEquals(1, tasks(3 * MIB, 1, 5, 2), "under 8 MiB: one task, one file");
        assertEquals(2, tasks(16_741_274L, 4, 33, 2), "the 1M actuals: 2 tasks over 4 dates make at most 8 files");
        assertEquals(2, tasks(20 * MIB, 1, 40, 64), "64 cores: at most twice the one task by size");
    }

    @Test
    void neverMoreTasksThanPartitions() {
        assertEquals(1, tasks(400 * MIB, 1, 1, 2), "one gzip file is one partition");
        assertEquals(2, tasks(400 * MIB, 1, 2, 8));
    }

    @Test
    void filesStayWithinTwiceWhatTheShuffleWouldWrite() {
        // a large cluster: 8 tasks by size would shuffle into about 8 files; 125 cores cannot make it 125
        assertEquals(16, tasks(1024 * MIB, 1, 500, 125));
        // two dates by three tasks by size: at most 6 files, twice max(3, 2)
        assertEquals(3, tasks(300 * MIB, 2, 40, 2));
    }

    @Test
    void aBatchOverManyDatesIsShuffled() {
        // a month of backfill written by 30 tasks would make up to 900 files: the shuffle makes about 30
        assertTrue(InPlaceWrite.plan(30 * MAX, 30, 300, 2, MAX, MIN).shuffles());
        assertTrue(InPlaceWrite.plan(300 * MIB, 3, 40, 2, MAX, MIN).shuffles(), "3 tasks by size over 3 dates: 9 > 6");
        assertFalse(InPlaceWrite.plan(100 * MIB, 30, 300, 2, MAX, MIN).shuffles(), "one task by size: one file per date either way");
        assertEquals(2, tasks(100 * MIB, 30, 300, 2), "and a second task doubles the files at most");
    }

    @Test
    void nothingToWriteIsLeftToTheShufflePath() {
        assertTrue(InPlaceWrite.plan(0, 0, 10, 2, MAX, MIN).shuffles());
        assertThrows(IllegalArgumentException.class, () -> InPlaceWrite.plan(1, 1, 1, 0, MAX, MIN));
    }
}
