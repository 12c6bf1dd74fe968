package io.monitoring.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;

/** Writes landing files for tests, with a chosen landing (modification) time. */
public final class Landing {
    private Landing() {}

    public static Path write(Path root, String relative, String content, Instant landedAt) {
        return writeBytes(root, relative, content.getBytes(StandardCharsets.UTF_8), landedAt);
    }

    public static Path writeGzip(Path root, String relative, String content, Instant landedAt) {
        return writeBytes(root, relative, gzip(content.getBytes(StandardCharsets.UTF_8)), landedAt);
    }

    public static Path writeBytes(Path root, String relative, byte[] bytes, Instant landedAt) {
        try {
            Path file = root.resolve(relative);
            Files.createDirectories(file.getParent());
            Files.write(file, bytes);
            Files.setLastModifiedTime(file, FileTime.from(landedAt));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path copyResource(Path root, String relative, String resource, Instant landedAt) {
        try (var in = Landing.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + resource);
            }
            return writeBytes(root, relative, in.readAllBytes(), landedAt);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A gzip stream cut short: the first half of a valid one. */
    public static byte[] truncatedGzip(String content) {
        byte[] full = gzip(content.getBytes(StandardCharsets.UTF_8));
        return Arrays.copyOf(full, full.length / 2);
    }
}
