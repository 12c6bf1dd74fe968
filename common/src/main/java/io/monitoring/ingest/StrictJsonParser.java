package io.monitoring.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NumericNode;
import io.monitoring.model.RejectReason;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;

/**
 * Parses one landing line into a JSON tree, strictly: the bytes must be UTF-8 as RFC 3629 defines
 * it (Jackson's byte decoder lets overlong forms, surrogates and code points past U+10FFFF through,
 * and an overlong "/" is a classic way to smuggle path characters), a key may appear only once
 * per object, nesting is capped, and nothing may follow the value. NaN and Infinity tokens are
 * read so that {@link #requireFinite} can reject them as numbers, with the field they sit in,
 * rather than as unreadable JSON. Not thread-safe: one per reader task.
 *
 * <p>Most lines are plain ASCII: those skip the UTF-8 check, and every line is parsed from its
 * bytes, not from a decoded copy. Duplicate keys are caught as the tree is built (a key put twice
 * into one object), and the node factory notes a non-finite number as it makes one, so a record
 * is walked for the field name only when there is one to name.
 */
final class StrictJsonParser {
    private static final String BOM = "\uFEFF";

    private final ObjectMapper mapper;
    private final FiniteWatch numbers = new FiniteWatch();
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);

    StrictJsonParser(int maxNestingDepth) {
        JsonFactory factory = JsonFactory.builder()
                .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                // correctly rounded, as Double.parseDouble, and several times faster on the many
                // feature values a record holds
                .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(maxNestingDepth).build())
                .build();
        this.mapper = new ObjectMapper(factory)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .setNodeFactory(numbers);
    }

    /** The line's JSON tree; a byte-order mark (Windows tools write one) is not part of the record. */
    JsonNode parse(byte[] line) throws RecordRejected {
        requireUtf8(line);
        numbers.nonFinite = false;
        try {
            return tree(line);
        } catch (StreamConstraintsException e) {
            // Jackson has one exception type for all its limits; its message names the limit
            String msg = firstLine(e);
            if (msg.startsWith("Number")) {
                throw new RecordRejected(RejectReason.INVALID_NUMBER, msg);
            }
            if (msg.startsWith("Depth")) {
                throw new RecordRejected(RejectReason.NESTING_TOO_DEEP, msg);
            }
            throw new RecordRejected(RejectReason.MALFORMED_JSON, msg);
        } catch (JsonProcessingException e) {
            String msg = firstLine(e);
            throw new RecordRejected(msg.startsWith("Duplicate field") ? RejectReason.DUPLICATE_KEY : RejectReason.MALFORMED_JSON, msg);
        } catch (IOException e) {
            throw new RecordRejected(RejectReason.MALFORMED_JSON, firstLine(e));
        }
    }

    /**
     * Jackson guesses the encoding of bytes from their first four, and NULs there read as UTF-16
     * or UTF-32: such a line is parsed as the UTF-8 text it was checked to be. Jackson skips a
     * UTF-8 byte-order mark itself.
     */
    private JsonNode tree(byte[] line) throws IOException {
        for (int i = 0; i < Math.min(4, line.length); i++) {
            if (line[i] == 0) {
                String text = new String(line, StandardCharsets.UTF_8);
                return mapper.readTree(text.startsWith(BOM) ? text.substring(1) : text);
            }
        }
        return mapper.readTree(line);
    }

    /** Rejects bytes that are not strict UTF-8; a line of ASCII bytes (most) is UTF-8 as it is. */
    private void requireUtf8(byte[] line) throws RecordRejected {
        if (ascii(line)) {
            return;
        }
        ByteBuffer in = ByteBuffer.wrap(line);
        CharBuffer out = CharBuffer.allocate(line.length); // UTF-8 never decodes to more chars than bytes
        utf8.reset();
        CoderResult result = utf8.decode(in, out, true);
        if (!result.isError()) {
            result = utf8.flush(out);
        }
        if (result.isError()) {
            int at = in.position();
            int shown = Math.min(result.length(), 4);
            throw new RecordRejected(RejectReason.INVALID_UTF8, "bytes at offset " + at + " are not UTF-8: 0x"
                    + HexFormat.of().formatHex(line, at, at + shown));
        }
    }

    private static boolean ascii(byte[] line) {
        for (byte b : line) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Rejects a NaN, an Infinity or a literal beyond the range of a double (1e400 reads as
     * Infinity) anywhere in the record, a part of the line last parsed: no column, tag or stored
     * JSON may hold one.
     */
    void requireFinite(JsonNode record) throws RecordRejected {
        if (!numbers.nonFinite || allFinite(record)) {
            return;
        }
        // only now the field names: joining them for every node of every record cost more than the check
        Deque<Map.Entry<String, JsonNode>> todo = new ArrayDeque<>();
        todo.push(Map.entry("", record));
        while (!todo.isEmpty()) {
            Map.Entry<String, JsonNode> at = todo.pop();
            JsonNode node = at.getValue();
            if (node.isFloatingPointNumber() && !Double.isFinite(node.doubleValue())) {
                throw new RecordRejected(RejectReason.INVALID_NUMBER,
                        (at.getKey().isEmpty() ? "the record" : at.getKey()) + " is not a finite number: " + node.asText());
            }
            if (node.isObject()) {
                Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
                while (fields.hasNext()) {
                    Map.Entry<String, JsonNode> f = fields.next();
                    todo.push(Map.entry(at.getKey().isEmpty() ? f.getKey() : at.getKey() + "." + f.getKey(), f.getValue()));
                }
            } else if (node.isArray()) {
                for (int i = 0; i < node.size(); i++) {
                    todo.push(Map.entry(at.getKey() + "[" + i + "]", node.get(i)));
                }
            }
        }
    }

    private static boolean allFinite(JsonNode record) {
        Deque<JsonNode> todo = new ArrayDeque<>();
        todo.push(record);
        while (!todo.isEmpty()) {
            JsonNode node = todo.pop();
            if (node.isFloatingPointNumber()) {
                if (!Double.isFinite(node.doubleValue())) {
                    return false;
                }
            } else if (node.isContainerNode()) {
                for (JsonNode child : node) {
                    todo.push(child);
                }
            }
        }
        return true;
    }

    /** Makes Jackson's tree nodes and notes whether any number it made was not finite. */
    private static final class FiniteWatch extends JsonNodeFactory {
        private static final long serialVersionUID = 1L;

        boolean nonFinite;

        FiniteWatch() {
            super(false);
        }

        @Override
        public NumericNode numberNode(double v) {
            nonFinite |= !Double.isFinite(v);
            return super.numberNode(v);
        }

        @Override
        public NumericNode numberNode(float v) {
            nonFinite |= !Float.isFinite(v);
            return super.numberNode(v);
        }
    }

    static String firstLine(Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
