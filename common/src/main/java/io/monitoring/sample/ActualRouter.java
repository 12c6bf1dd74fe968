package io.monitoring.sample;

import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Routes delayed actuals to the {@code actuals/dt=} partition of their arrival day. Days are generated in
 * order and an actual never arrives before its inference, so once day {@code d} starts every partition
 * before {@code d} is complete and is closed: at most {@code maxDaysLate + 1} writers are open at a time.
 */
final class ActualRouter {
    static final String KIND = "actuals";

    private final FileSystem fs;
    private final Path root;
    private final boolean gzip;
    private final long recordsPerFile;
    private final List<WrittenFile> written;
    private final TreeMap<Long, PartitionWriter> open = new TreeMap<>();
    private int maxOpen;

    ActualRouter(FileSystem fs, Path root, boolean gzip, long recordsPerFile, List<WrittenFile> written) {
        this.fs = fs;
        this.root = root;
        this.gzip = gzip;
        this.recordsPerFile = recordsPerFile;
        this.written = written;
    }

    PartitionWriter forArrival(long arrivalMicros) {
        long day = Math.floorDiv(arrivalMicros, Timestamps.MICROS_PER_DAY);
        PartitionWriter writer = open.get(day);
        if (writer == null) {
            writer = new PartitionWriter(fs, root, KIND, LocalDate.ofEpochDay(day), gzip, recordsPerFile, written);
            open.put(day, writer);
            maxOpen = Math.max(maxOpen, open.size());
        }
        return writer;
    }

    /** Closes the partitions of arrival days before {@code epochDay}: nothing can arrive there any more. */
    void closeBefore(long epochDay) throws IOException {
        Iterator<Map.Entry<Long, PartitionWriter>> it = open.headMap(epochDay).entrySet().iterator();
        while (it.hasNext()) {
            it.next().getValue().close();
            it.remove();
        }
    }

    void closeAll() throws IOException {
        closeBefore(Long.MAX_VALUE);
    }

    /** Most partitions open at the same time so far. */
    int maxOpen() {
        return maxOpen;
    }
}
