package io.monitoring.testing;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * What a consumer of the published folder does, in a loop on its own thread: list every
 * {@code *.json} below the root and parse it. Any file that is empty, cut short or not a JSON
 * object is recorded: a publisher that replaces files atomically never shows one, however it is
 * interrupted.
 */
public final class PublishedJsonReader implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final Path root;
    private final Thread thread;
    private final AtomicLong documentsRead = new AtomicLong();
    private final List<String> invalid = new CopyOnWriteArrayList<>();
    private volatile boolean running = true;

    private PublishedJsonReader(Path root) {
        this.root = root;
        this.thread = new Thread(this::loop, "published-json-reader");
        this.thread.setDaemon(true);
    }

    public static PublishedJsonReader start(Path root) {
        PublishedJsonReader reader = new PublishedJsonReader(root);
        reader.thread.start();
        return reader;
    }

    public long documentsRead() {
        return documentsRead.get();
    }

    /** "path: why" for every unreadable document seen. */
    public List<String> invalidDocuments() {
        return List.copyOf(invalid);
    }

    private void loop() {
        while (running) {
            for (Path file : jsonFiles()) {
                read(file);
            }
            JobProcess.pause(java.time.Duration.ofMillis(2));
        }
    }

    private List<Path> jsonFiles() {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".json") && Files.isRegularFile(p)).toList();
        } catch (IOException | UncheckedIOException raced) {
            // a temporary file vanished while the folder was listed: list again
            return List.of();
        }
    }

    private void read(Path file) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            JsonNode doc = JSON.readTree(bytes);
            if (doc == null || !doc.isObject()) {
                invalid.add(file + ": not a JSON object (" + bytes.length + " bytes)");
            }
            documentsRead.incrementAndGet();
        } catch (NoSuchFileException gone) {
            invalid.add(file + ": listed, then gone (a published document must never disappear)");
        } catch (IOException e) {
            invalid.add(file + ": " + e.getMessage());
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
