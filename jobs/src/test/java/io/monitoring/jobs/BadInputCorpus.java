package io.monitoring.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bad-input corpus ({@code src/test/resources/corpus/cases.json}, described in the README
 * beside it) as the corpus test uses it: line cases with the quarantine rows they must produce,
 * lines that look odd but must land, and whole-file cases.
 */
record BadInputCorpus(Instant asOf, Instant landedAt, Map<String, String> config, String goodGuardian, String goodArize,
        List<LineCase> lines, List<LineCase> accepted, List<FileCase> files) {
    static final String RESOURCE = "/corpus/cases.json";

    /** A quarantine row a line must produce: its reason, and its index inside a batch envelope. */
    record Rejection(Integer recordIndex, String reason) {}

    /** One line: its exact bytes, the rows it must be quarantined as, and how many of its records land. */
    record LineCase(String id, byte[] bytes, List<Rejection> rejections, int acceptedRecords) {}

    /** One file: its name, how to make it ({@code make} and its parameters), its reason, and which of its records land. */
    record FileCase(String id, String name, String make, JsonNode spec, String reason, String lands) {
        int goodLines() {
            return spec.path("good_lines").asInt(0);
        }

        long bytes() {
            return spec.path("bytes").asLong(0);
        }

        String text() {
            return spec.path("text").asText("");
        }
    }

    static BadInputCorpus load() {
        try (InputStream in = BadInputCorpus.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("no test resource " + RESOURCE);
            }
            JsonNode root = new ObjectMapper().readTree(in);
            Map<String, String> config = new LinkedHashMap<>();
            root.get("config").fields().forEachRemaining(e -> config.put(e.getKey(), e.getValue().asText()));
            List<LineCase> lines = new ArrayList<>();
            root.get("lines").forEach(c -> lines.add(lineCase(c)));
            List<LineCase> accepted = new ArrayList<>();
            root.get("accepted").forEach(c -> accepted.add(new LineCase(c.get("id").asText(), bytes(c), List.of(), c.get("records").asInt())));
            List<FileCase> files = new ArrayList<>();
            root.get("files").forEach(c -> files.add(new FileCase(c.get("id").asText(), c.get("name").asText(), c.get("make").asText(), c,
                    c.get("reason").asText(), c.path("lands").asText("none"))));
            return new BadInputCorpus(Instant.parse(root.get("as_of").asText()), Instant.parse(root.get("landed_at").asText()),
                    config, root.at("/good/guardian").asText(), root.at("/good/arize").asText(), lines, accepted, files);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A good Guardian record; {@code seq} makes its id unique. */
    String guardian(String seq) {
        return goodGuardian.replace("{seq}", seq);
    }

    String arize(String seq) {
        return goodArize.replace("{seq}", seq);
    }

    private static LineCase lineCase(JsonNode c) {
        List<Rejection> rejections = new ArrayList<>();
        if (c.has("reason")) {
            rejections.add(new Rejection(null, c.get("reason").asText()));
        }
        c.path("records").forEach(r -> rejections.add(new Rejection(r.get("index").asInt(), r.get("reason").asText())));
        return new LineCase(c.get("id").asText(), bytes(c), List.copyOf(rejections), c.path("accepted").asInt(0));
    }

    /** {@code line} (text), {@code line_parts} (text and {"hex": ...} pieces for bytes that are not UTF-8) or {@code generate}. */
    private static byte[] bytes(JsonNode c) {
        if (c.has("line")) {
            return c.get("line").asText().getBytes(StandardCharsets.UTF_8);
        }
        if (c.has("line_parts")) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (JsonNode part : c.get("line_parts")) {
                out.writeBytes(part.isTextual() ? part.asText().getBytes(StandardCharsets.UTF_8) : HexFormat.of().parseHex(part.get("hex").asText()));
            }
            return out.toByteArray();
        }
        JsonNode g = c.get("generate");
        return switch (g.get("kind").asText()) {
            case "batch" -> batch(g.get("records").asInt()).getBytes(StandardCharsets.UTF_8);
            case "long_line" -> longRecord(g.get("bytes").asInt()).getBytes(StandardCharsets.UTF_8);
            default -> throw new IllegalArgumentException("unknown generator in " + c);
        };
    }

    /** A Guardian batch envelope of distinct small records. */
    private static String batch(int records) {
        StringBuilder b = new StringBuilder("{\"monitor_id\":\"ranker\",\"inferences\":[");
        for (int i = 0; i < records; i++) {
            b.append(i == 0 ? "" : ",").append("{\"id\":\"batch").append(records).append('-').append(i).append("\",\"prediction\":1}");
        }
        return b.append("]}").toString();
    }

    /** A well-formed Guardian record of exactly {@code size} bytes. */
    private static String longRecord(int size) {
        String head = "{\"id\":\"long-1\",\"monitor_id\":\"intent\",\"prediction\":\"";
        String tail = "\"}";
        return head + "a".repeat(size - head.length() - tail.length()) + tail;
    }
}
