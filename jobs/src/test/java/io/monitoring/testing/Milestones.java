package io.monitoring.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * Points in a job's run that can be seen from outside its process, read from the files it leaves:
 * a Delta table's commit files, data files not yet committed, published documents. A crash test
 * kills the job the moment one holds, so where it dies does not depend on timing guesses.
 * Listing races with the job's writes; a listing that fails just reads as "not yet".
 */
public final class Milestones {
    private Milestones() {}

    /** The Delta commit file of {@code version} exists: that version is committed. */
    public static BooleanSupplier committed(Path table, long version) {
        return () -> Files.exists(commitFile(table, version));
    }

    /**
     * Parquet data files exist in the table while {@code version} is not committed: the job is
     * between writing a version's files and committing them.
     */
    public static BooleanSupplier writtenNotCommitted(Path table, long version) {
        return () -> count(table, ".parquet", true) > 0 && !Files.exists(commitFile(table, version));
    }

    /** At least {@code n} files ending in {@code suffix} (hidden ones excluded) lie below {@code root}. */
    public static BooleanSupplier filesAtLeast(Path root, String suffix, int n) {
        return () -> count(root, suffix, false) >= n;
    }

    public static Path commitFile(Path table, long version) {
        return table.resolve("_delta_log").resolve(String.format("%020d.json", version));
    }

    /** Files below {@code root} ending in {@code suffix}, not counting hidden names; -1 when the listing raced a change. */
    public static long count(Path root, String suffix, boolean skipDeltaLog) {
        if (!Files.isDirectory(root)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> !(skipDeltaLog && p.toString().contains("_delta_log")))
                    .map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(suffix) && !n.startsWith("."))
                    .count();
        } catch (IOException | UncheckedIOException raced) {
            return -1;
        }
    }
}
