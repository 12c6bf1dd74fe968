package io.monitoring.ingest;

import io.monitoring.io.GzipIntegrity;
import io.monitoring.io.LandingFile;
import io.monitoring.io.LineReader;
import io.monitoring.model.RejectReason;
import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.zip.GZIPInputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;

/**
 * Reads one landing file lazily, line by line, and yields one parsed row per record. A file that
 * cannot be opened (it vanished), ends early (truncated gzip), is corrupt (a gzip stream whose
 * check fails: none of its records is used) or holds no record at all gets one quarantine row of
 * its own; the records before a read error (a truncation) are kept.
 */
public final class LandingFileParser {
    private final RecordRouter router;
    private final IngestRules rules;
    private final Configuration hadoopConf;

    public LandingFileParser(IngestRules rules, Configuration hadoopConf) {
        this.rules = rules;
        this.router = new RecordRouter(rules);
        this.hadoopConf = hadoopConf;
    }

    public Iterator<Row> parse(LandingFile file) {
        return new FileRows(file);
    }

    /** A gzip file found corrupt before any of its records was read. */
    private static final class CorruptGzip extends IOException {
        private static final long serialVersionUID = 1L;

        CorruptGzip(String detail) {
            super(detail);
        }
    }

    private final class FileRows implements Iterator<Row> {
        private final LandingFile file;
        private final Instant landedAt;
        private final ArrayDeque<Row> pending = new ArrayDeque<>();
        private InputStream in;
        private LineReader reader;
        private boolean opened;
        private boolean done;
        private long records;
        private long lastLine;

        FileRows(LandingFile file) {
            this.file = file;
            this.landedAt = Instant.ofEpochMilli(file.modificationTimeMillis());
        }

        @Override
        public boolean hasNext() {
            while (pending.isEmpty() && !done) {
                advance();
            }
            return !pending.isEmpty();
        }

        @Override
        public Row next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return pending.poll();
        }

        private void advance() {
            try {
                if (!opened) {
                    opened = true;
                    open();
                }
                LineReader.Line line = reader.next();
                if (line == null) {
                    finish(null);
                    return;
                }
                lastLine = line.number();
                if (line.isBlank()) {
                    return;
                }
                SourcePosition pos = new SourcePosition(file.path(), line.number(), null, landedAt);
                records++;
                if (line.tooLong()) {
                    pending.add(ParsedRows.rejected(new RecordRejected(RejectReason.LINE_TOO_LONG,
                            "line has " + line.totalBytes() + " bytes; the limit is " + rules.limits().maxLineBytes()),
                            pos, rules.personalData().active() ? null : line.bytes(), line.totalBytes(), rules.limits().maxRawChars()));
                } else {
                    pending.addAll(router.route(line.bytes(), line.totalBytes(), pos));
                }
            } catch (CorruptGzip e) {
                finish(new RecordRejected(RejectReason.UNREADABLE_FILE, "gzip stream is corrupt (" + e.getMessage()
                        + "); none of its records were ingested, since the damaged bytes cannot be located"));
            } catch (FileNotFoundException e) {
                finish(new RecordRejected(RejectReason.FILE_VANISHED, "file was listed but is gone (moved or deleted"
                        + " before it could be read; a renamed file is read under its new name): " + e.getMessage()));
            } catch (IOException | RuntimeException e) {
                String what = file.gzipped() && e instanceof EOFException ? "gzip stream is truncated" : "read failed";
                finish(new RecordRejected(RejectReason.UNREADABLE_FILE,
                        what + " after line " + lastLine + ": " + e.getClass().getSimpleName() + ": " + e.getMessage()));
            }
        }

        private void open() throws IOException {
            Path path = new Path(file.path());
            FileSystem fs = path.getFileSystem(hadoopConf);
            if (file.gzipped()) {
                String corruption = GzipIntegrity.corruption(fs.open(path));
                if (corruption != null) {
                    throw new CorruptGzip(corruption);
                }
            }
            InputStream raw = fs.open(path);
            in = raw;
            in = file.gzipped() ? new GZIPInputStream(raw, 64 * 1024) : raw;
            reader = new LineReader(in, rules.limits().maxLineBytes());
        }

        private void finish(RecordRejected fileError) {
            done = true;
            closeQuietly();
            if (fileError != null) {
                pending.add(ParsedRows.rejected(fileError, new SourcePosition(file.path(), lastLine + 1, null, landedAt),
                        (String) null, 0, rules.limits().maxRawChars()));
            } else if (records == 0) {
                pending.add(ParsedRows.rejected(new RecordRejected(RejectReason.EMPTY_FILE,
                                "file holds no records (" + file.length() + " bytes)"),
                        new SourcePosition(file.path(), 0, null, landedAt), (String) null, 0, rules.limits().maxRawChars()));
            }
        }

        private void closeQuietly() {
            if (in != null) {
                try {
                    in.close();
                } catch (IOException ignored) {
                    // nothing more to read either way
                }
            }
        }
    }
}
