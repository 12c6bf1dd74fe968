package io.monitoring.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.monitoring.testing.ChildJvm;
import java.io.BufferedOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Nothing can exhaust memory": a 50 MiB line without a newline, then a short one, read by the
 * ingest line reader in a JVM with a 16 MiB heap. Had the reader held the line, that JVM would die
 * of OutOfMemoryError; it reports the line as too long with its full size, keeps only the limit,
 * and reads the next line. (IngestBadInputCorpusTest sends the same kind of file through a whole
 * ingest run: one line_too_long quarantine row.) The file lives in the temp folder only.
 */
class LineReaderMemoryTest {
    private static final long LINE_BYTES = 50L * 1024 * 1024;
    private static final int MAX_LINE_BYTES = 1024 * 1024;

    @TempDir
    Path dir;

    @Test
    void aFiftyMebibyteLineIsReadInASixteenMebibyteHeap() throws IOException, URISyntaxException {
        Path file = dir.resolve("huge-line.jsonl");
        writeHugeLine(file);
        Path stdout = dir.resolve("probe.out");
        Path stderr = dir.resolve("probe.err");

        int exit = ChildJvm.of(LineReaderProbe.class).jvmOption("-Xmx16m").classpath(ownClasses())
                .args(file.toString(), String.valueOf(MAX_LINE_BYTES)).run(stdout, stderr, 120);

        assertEquals(0, exit, () -> "probe failed: " + read(stderr));
        List<String> out = Files.readAllLines(stdout);
        assertEquals(List.of("too_long=true total=" + LINE_BYTES + " kept=" + MAX_LINE_BYTES, "too_long=false total=14 kept=14"),
                out.subList(0, 2));
        long heap = Long.parseLong(out.get(2).substring("max_heap=".length()));
        assertTrue(heap < LINE_BYTES / 2, "the heap (" + heap + " bytes) is far smaller than the line");
    }

    private static void writeHugeLine(Path file) throws IOException {
        byte[] chunk = new byte[1 << 20];
        Arrays.fill(chunk, (byte) 'a');
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), chunk.length)) {
            for (long left = LINE_BYTES; left > 0; left -= chunk.length) {
                out.write(chunk, 0, (int) Math.min(chunk.length, left));
            }
            out.write("\n{\"short\":true}\n".getBytes(StandardCharsets.UTF_8));
        }
    }

    /** The main and test classes of this module, nothing else: the JDK is all LineReader needs. */
    private static String ownClasses() throws URISyntaxException {
        return Path.of(LineReader.class.getProtectionDomain().getCodeSource().getLocation().toURI()) + File.pathSeparator
                + Path.of(LineReaderProbe.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return e.toString();
        }
    }
}
