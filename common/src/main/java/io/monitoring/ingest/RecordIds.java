package io.monitoring.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Deterministic ids: the same record content always hashes to the same id. */
public final class RecordIds {
    private static final ObjectMapper CANONICAL = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private RecordIds() {}

    /** An inference id for a Guardian record without one: a hash of its model and canonical JSON. */
    public static String forRecord(String modelId, JsonNode record) {
        try {
            Object plain = CANONICAL.treeToValue(record, Object.class);
            return "h_" + sha256(modelId + '\u0000' + CANONICAL.writeValueAsString(plain), 32);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return "h_" + sha256(modelId + '\u0000' + record.toString(), 32);
        }
    }

    public static String of(String... parts) {
        return sha256(String.join("\u0000", parts), 32);
    }

    static String sha256(String text, int hexChars) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] hash = digest.digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash).substring(0, hexChars);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
