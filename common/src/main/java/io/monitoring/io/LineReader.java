package io.monitoring.io;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a byte stream into lines without decoding it, so invalid UTF-8 is judged per line by the
 * JSON parser and a huge line never has to fit in memory: past {@code maxLineBytes} the rest of
 * the line is counted and dropped, and the line is reported as too long.
 */
public final class LineReader {
    /** One line: its 1-based number, its first bytes (all of them unless tooLong), its full size. */
    public record Line(long number, byte[] bytes, long totalBytes, boolean tooLong) {
        public boolean isBlank() {
            if (tooLong) {
                return false;
            }
            for (byte b : bytes) {
                if (b != ' ' && b != '\t' && b != '\r') {
                    return false;
                }
            }
            return true;
        }
    }

    private final InputStream in;
    private final int maxLineBytes;
    private final byte[] buffer = new byte[64 * 1024];
    private int pos;
    private int limit;
    private long lineNumber;
    private boolean eof;
    private byte[] line = new byte[1024];

    public LineReader(InputStream in, int maxLineBytes) {
        this.in = in;
        this.maxLineBytes = maxLineBytes;
    }

    /** The next line, or null at end of stream. Throws on a read error (e.g. truncated gzip). */
    public Line next() throws IOException {
        if (eof && pos >= limit) {
            return null;
        }
        int kept = 0;
        long total = 0;
        boolean sawAny = false;
        while (true) {
            if (pos >= limit) {
                limit = in.read(buffer, 0, buffer.length);
                pos = 0;
                if (limit <= 0) {
                    eof = true;
                    limit = 0;
                    if (!sawAny) {
                        return null;
                    }
                    break;
                }
            }
            sawAny = true;
            int start = pos;
            while (pos < limit && buffer[pos] != '\n') {
                pos++;
            }
            int chunk = pos - start;
            total += chunk;
            int room = Math.min(chunk, maxLineBytes + 1 - kept);
            if (room > 0) {
                ensureCapacity(kept + room);
                System.arraycopy(buffer, start, line, kept, room);
                kept += room;
            }
            if (pos < limit) {
                pos++; // the newline
                break;
            }
        }
        lineNumber++;
        if (kept > 0 && line[kept - 1] == '\r' && total <= maxLineBytes) {
            kept--;
            total--;
        }
        boolean tooLong = total > maxLineBytes;
        return new Line(lineNumber, Arrays.copyOf(line, Math.min(kept, maxLineBytes)), total, tooLong);
    }

    /** Doubles the buffer, but never past the limit + 1: what a line may cost is set by the limit. */
    private void ensureCapacity(int size) {
        if (size > line.length) {
            line = Arrays.copyOf(line, (int) Math.min(Math.max(size, line.length * 2L), maxLineBytes + 1L));
        }
    }
}
