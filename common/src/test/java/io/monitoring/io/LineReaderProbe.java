package io.monitoring.io;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a file with {@link LineReader} as an ingest task does and prints, per line, whether it is
 * too long, its full size and the bytes kept. Run by {@link LineReaderMemoryTest} in a JVM whose
 * heap is smaller than the file's longest line, with nothing but JDK and this module's classes.
 */
public final class LineReaderProbe {
    private LineReaderProbe() {}

    public static void main(String[] args) throws IOException {
        int maxLineBytes = Integer.parseInt(args[1]);
        try (InputStream in = new FileInputStream(args[0])) {
            LineReader reader = new LineReader(in, maxLineBytes);
            for (LineReader.Line line = reader.next(); line != null; line = reader.next()) {
                System.out.println("too_long=" + line.tooLong() + " total=" + line.totalBytes() + " kept=" + line.bytes().length);
            }
        }
        System.out.println("max_heap=" + Runtime.getRuntime().maxMemory());
    }
}
