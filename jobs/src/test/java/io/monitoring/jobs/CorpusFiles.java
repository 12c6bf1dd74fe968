package io.monitoring.jobs;

import io.monitoring.testing.Landing;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;

/** Makes the corpus's whole-file cases; big ones are streamed to disk, never built in memory. */
final class CorpusFiles {
    private static final int CHUNK = 1 << 20;

    private CorpusFiles() {}

    static Path make(BadInputCorpus corpus, BadInputCorpus.FileCase c, Path folder, Instant landedAt) {
        Path file = folder.resolve(c.name());
        byte[] bytes = switch (c.make()) {
            case "bytes" -> c.text().getBytes(StandardCharsets.UTF_8);
            case "gzip" -> Landing.gzip(c.text().getBytes(StandardCharsets.UTF_8));
            case "vanishes" -> goodLines(corpus, c).getBytes(StandardCharsets.UTF_8);
            case "gzip_truncated" -> Landing.truncatedGzip(goodLines(corpus, c));
            case "gzip_corrupted" -> corrupted(Landing.gzip(goodLines(corpus, c).getBytes(StandardCharsets.UTF_8)));
            case "long_line" -> null;
            case "gzip_long_line" -> null;
            default -> throw new IllegalArgumentException("unknown make " + c.make() + " in file case " + c.id());
        };
        if (bytes != null) {
            return Landing.writeBytes(folder, c.name(), bytes, landedAt);
        }
        streamLongLine(file, c.bytes(), c.make().startsWith("gzip"));
        touch(file, landedAt);
        return file;
    }

    /** Good Guardian lines whose ids are {@code <case id>-<n>}, n from 0. */
    static String goodLines(BadInputCorpus corpus, BadInputCorpus.FileCase c) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < c.goodLines(); i++) {
            b.append(corpus.guardian(c.id() + "-" + i)).append('\n');
        }
        return b.toString();
    }

    /** 32 bytes in the middle of the deflate data altered: the stream still decodes for a while. */
    private static byte[] corrupted(byte[] gzip) {
        byte[] out = Arrays.copyOf(gzip, gzip.length);
        for (int i = out.length / 2; i < out.length / 2 + 32; i++) {
            out[i] ^= (byte) 0xA5;
        }
        return out;
    }

    /** One line of {@code size} bytes without a newline: the start of a record that never ends. */
    private static void streamLongLine(Path file, long size, boolean gzip) {
        byte[] chunk = new byte[CHUNK];
        Arrays.fill(chunk, (byte) 'a');
        byte[] head = "{\"id\":\"huge\",\"monitor_id\":\"intent\",\"prediction\":\"".getBytes(StandardCharsets.UTF_8);
        try {
            Files.createDirectories(file.getParent());
            try (OutputStream raw = new BufferedOutputStream(Files.newOutputStream(file), CHUNK);
                    OutputStream out = gzip ? new GZIPOutputStream(raw, CHUNK) : raw) {
                out.write(head);
                for (long left = size - head.length; left > 0; left -= CHUNK) {
                    out.write(chunk, 0, (int) Math.min(CHUNK, left));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void touch(Path file, Instant landedAt) {
        try {
            Files.setLastModifiedTime(file, FileTime.from(landedAt));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
