package io.monitoring.sample;

import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * One JSON-lines file being written through the Hadoop FileSystem API, optionally gzipped (deflated on a
 * background thread). Takes finished lines as bytes, tracks line and record counts and the landing time,
 * and stamps that time as the file's modification time on close (file systems that cannot set times, such
 * as S3A, ignore it).
 */
final class JsonLinesFile {
    private static final int BUFFER = 1 << 16;

    private final FileSystem fs;
    private final Path path;
    private final OutputStream out;
    private long lines;
    private long records;
    private long landedMicros = Long.MIN_VALUE;

    JsonLinesFile(FileSystem fs, Path path, boolean gzip) throws IOException {
        this.fs = fs;
        this.path = path;
        OutputStream raw = fs.create(path, true, BUFFER);
        this.out = gzip ? new BackgroundGzipOutputStream(raw, path.getName()) : new BufferedOutputStream(raw, BUFFER);
    }

    /** Appends one line (its bytes end with the newline). */
    void write(byte[] bytes, int offset, int length, long lineRecords, long lineLandedMicros) throws IOException {
        out.write(bytes, offset, length);
        lines++;
        records += lineRecords;
        landedMicros = Math.max(landedMicros, lineLandedMicros);
    }

    long records() {
        return records;
    }

    /** Closes the file, sets its modification time to its landing time and returns what was written. */
    WrittenFile close(String relativePath, String kind) throws IOException {
        out.close();
        long millis = Math.floorDiv(landedMicros, 1000L);
        fs.setTimes(path, millis, millis);
        return new WrittenFile(relativePath, kind, lines, records, Timestamps.toInstant(millis * 1000L));
    }
}
