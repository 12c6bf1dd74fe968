package io.monitoring.io;

/**
 * How many tasks write one kind of an ingest batch's rows where they already are (the cached
 * batch coalesced, not shuffled), or none: then Delta's optimized writes shuffle them into bins.
 *
 * <p>Optimized writes exist so that a batch read from many small files does not become as many
 * small table files. Coalescing the cached batch bounds the file count as well, without the
 * shuffle: each task writes one file per date its rows fall on. The tasks are planned from the
 * batch's landing bytes, the way Spark plans a file scan: up to {@code maxBytesPerTask} of input
 * each ({@code s} tasks by size), then more, up to a whole number of waves over the cluster's
 * cores so that no core idles in the last one, as long as each task still gets
 * {@code minBytesPerTask}; never more than the batch's partitions. With {@code t} tasks and
 * {@code d} dates the write makes up to {@code t * d} files, where the shuffle makes about
 * {@code max(s, d)}: {@code t} is cut so the files stay within twice that, and the shuffle is
 * taken when even {@code s} tasks would make more (a batch over many dates, written by several
 * tasks).
 *
 * @param tasks the number of write tasks; 0 means shuffle with optimized writes
 */
public record InPlaceWrite(int tasks) {
    public static final InPlaceWrite SHUFFLE = new InPlaceWrite(0);

    public boolean shuffles() {
        return tasks == 0;
    }

    /**
     * @param inputBytes       landing bytes of this kind's files in the batch
     * @param dates            the partition values (dates) its rows fall on
     * @param sourcePartitions the batch's partitions (a coalesce cannot make more)
     * @param parallelism      the cores the write runs on (Spark's default parallelism)
     * @param maxBytesPerTask  input bytes per task (Spark's {@code spark.sql.files.maxPartitionBytes})
     * @param minBytesPerTask  the least input a task is given to reach a whole wave
     */
    public static InPlaceWrite plan(long inputBytes, int dates, int sourcePartitions, int parallelism,
            long maxBytesPerTask, long minBytesPerTask) {
        if (maxBytesPerTask <= 0 || minBytesPerTask <= 0 || parallelism <= 0) {
            throw new IllegalArgumentException("bytes per task and parallelism must be positive");
        }
        if (dates == 0 || sourcePartitions == 0) {
            return SHUFFLE; // nothing to write: the insert returns before writing
        }
        long bySize = Math.max(1, ceilDiv(inputBytes, maxBytesPerTask));
        long wholeWaves = ceilDiv(bySize, parallelism) * parallelism;
        long byMinimum = Math.max(1, ceilDiv(inputBytes, minBytesPerTask));
        long tasks = Math.min(Math.max(bySize, Math.min(wholeWaves, byMinimum)), sourcePartitions);
        long filesBound = 2L * Math.max(bySize, dates);
        tasks = Math.min(tasks, filesBound / dates);
        if (tasks < Math.min(bySize, sourcePartitions)) {
            return SHUFFLE;
        }
        return new InPlaceWrite((int) tasks);
    }

    private static long ceilDiv(long a, long b) {
        return a <= 0 ? 0 : (a + b - 1) / b;
    }
}
