package io.monitoring.sample;

import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.time.LocalDate;
import java.util.List;

/**
 * Writes one {@code {kind}/dt=YYYY-MM-DD/} partition as {@code part-NNNNN.jsonl[.gz]} files, rolling to the
 * next part before a line would push the current one past {@code recordsPerFile} records.
 */
final class PartitionWriter {
    private final FileSystem fs;
    private final Path root;
    private final String kind;
    private final String partition;
    private final String extension;
    private final boolean gzip;
    private final long recordsPerFile;
    private final List<WrittenFile> written;
    private JsonLinesFile current;
    private String currentRelative;
    private int nextPart;

    PartitionWriter(FileSystem fs, Path root, String kind, LocalDate date, boolean gzip, long recordsPerFile,
                    List<WrittenFile> written) {
        this.fs = fs;
        this.root = root;
        this.kind = kind;
        this.partition = kind + "/dt=" + date;
        this.extension = gzip ? ".jsonl.gz" : ".jsonl";
        this.gzip = gzip;
        this.recordsPerFile = recordsPerFile;
        this.written = written;
    }

    /** Appends one line (bytes ending with the newline) of {@code records} records. */
    void write(byte[] bytes, int offset, int length, long records, long landedMicros) throws IOException {
        fileFor(records).write(bytes, offset, length, records, landedMicros);
    }

    void close() throws IOException {
        if (current != null) {
            written.add(current.close(currentRelative, kind));
            current = null;
        }
    }

    private JsonLinesFile fileFor(long records) throws IOException {
        if (current != null && current.records() > 0 && current.records() + records > recordsPerFile) {
            close();
        }
        if (current == null) {
            currentRelative = String.format("%s/part-%05d%s", partition, nextPart++, extension);
            current = new JsonLinesFile(fs, new Path(root, currentRelative), gzip);
        }
        return current;
    }
}
