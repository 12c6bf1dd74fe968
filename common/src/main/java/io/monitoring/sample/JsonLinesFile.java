package io.monitoring.sample;

import com.fasterxml.jackson.core.JsonGenerator;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * One JSON-lines file being written through the Hadoop FileSystem API, optionally gzipped (deflated on a
 * background thread). Tracks its
 * line and record counts and its landing time, and stamps that time as the file's modification time on
 * close (file systems that cannot set times, such as S3A, ignore it).
 */
final class JsonLinesFile {
    private static final int BUFFER = 1 << 16;

    private final FileSystem fs;
    private final Path path;
    private final OutputStream out;
    private final JsonGenerator gen;
    private long lines;
    private long records;
    private long landedMicros = Long.MIN_VALUE;

    JsonLinesFile(FileSystem fs, Path path, boolean gzip) throws IOException {
        this.fs = fs;
        this.path = path;
        OutputStream raw = fs.create(path, true, BUFFER);
        this.out = gzip ? new BackgroundGzipOutputStream(raw, path.getName()) : new BufferedOutputStream(raw, BUFFER);
        this.gen = LandingJson.generator(out);
    }

    /** The generator, positioned at the start of a new line. */
    JsonGenerator generator() {
        return gen;
    }

    /** Ends the line written through {@link #generator()}. */
    void endLine(long lineRecords, long lineLandedMicros) throws IOException {
        gen.writeRaw('\n');
        count(lineRecords, lineLandedMicros);
    }

    /** Writes pre-rendered bytes (a deliberately broken record) as one line. */
    void rawLine(byte[] bytes, int length, long lineLandedMicros) throws IOException {
        gen.flush();
        out.write(bytes, 0, length);
        out.write('\n');
        count(1, lineLandedMicros);
    }

    long records() {
        return records;
    }

    long lines() {
        return lines;
    }

    /** Closes the file, sets its modification time to its landing time and returns what was written. */
    WrittenFile close(String relativePath, String kind) throws IOException {
        gen.close();
        long millis = Math.floorDiv(landedMicros, 1000L);
        fs.setTimes(path, millis, millis);
        return new WrittenFile(relativePath, kind, lines, records, Timestamps.toInstant(millis * 1000L));
    }

    private void count(long lineRecords, long lineLandedMicros) {
        lines++;
        records += lineRecords;
        landedMicros = Math.max(landedMicros, lineLandedMicros);
    }
}
