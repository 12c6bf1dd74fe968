package io.monitoring.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Personal fields of {@code input_data}/features and {@code metadata}/tags, handled before anything
 * is written: dropped, or replaced by a keyed hash (HMAC-SHA256) so counts and joins still work but
 * values cannot be read back. The key comes from the environment and never appears in toString.
 */
public final class PersonalData implements Serializable {
    public static final String REDACTED = "[redacted]";
    private static final PersonalData NONE = new PersonalData(Set.of(), Set.of(), null);

    private final Set<String> drop;
    private final Set<String> hash;
    private final byte[] key;

    private PersonalData(Set<String> drop, Set<String> hash, byte[] key) {
        this.drop = Set.copyOf(drop);
        this.hash = Set.copyOf(hash);
        this.key = key;
    }

    public static PersonalData none() {
        return NONE;
    }

    /** Fails at once, before any data is read, when hashing is configured without a key. */
    public static PersonalData of(Set<String> drop, Set<String> hash, String keyEnvVariable, Map<String, String> env) {
        byte[] key = null;
        if (!hash.isEmpty()) {
            String value = env.get(keyEnvVariable);
            if (value == null || value.isEmpty()) {
                throw new IllegalStateException("privacy.hash-fields is set but the environment variable "
                        + keyEnvVariable + " holding the hash key is empty");
            }
            key = value.getBytes(StandardCharsets.UTF_8);
        }
        return new PersonalData(drop, hash, key);
    }

    public boolean active() {
        return !drop.isEmpty() || !hash.isEmpty();
    }

    /** Applies the rules to the features and tags of one record, in place. */
    void apply(Features features, Map<String, String> tags) {
        if (!active()) {
            return;
        }
        for (String name : drop) {
            features.numeric().remove(name);
            features.categorical().remove(name);
            features.embedding().remove(name);
            tags.remove(name);
        }
        for (String name : hash) {
            Double number = features.numeric().remove(name);
            if (number != null) {
                features.categorical().put(name, digest(String.valueOf(number)));
            }
            features.categorical().computeIfPresent(name, (k, v) -> v.startsWith("hmac:") ? v : digest(v));
            if (features.embedding().remove(name) != null) {
                features.categorical().put(name, REDACTED);
            }
            tags.computeIfPresent(name, (k, v) -> digest(v));
        }
    }

    /** A copy of a raw JSON record with every personal field, at any depth, replaced by a marker. */
    JsonNode redact(JsonNode node) {
        if (!active() || node == null) {
            return node;
        }
        JsonNode copy = node.deepCopy();
        redactInPlace(copy);
        return copy;
    }

    private void redactInPlace(JsonNode node) {
        if (node instanceof ObjectNode obj) {
            Iterator<Map.Entry<String, JsonNode>> it = obj.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                if (drop.contains(e.getKey()) || hash.contains(e.getKey())) {
                    e.setValue(obj.textNode(REDACTED));
                } else {
                    redactInPlace(e.getValue());
                }
            }
        } else if (node != null && node.isArray()) {
            node.forEach(this::redactInPlace);
        }
    }

    String digest(String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return "hmac:" + HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8))).substring(0, 32);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JRE", e);
        }
    }

    @Override
    public String toString() {
        return "PersonalData{drop=" + drop + ", hash=" + hash + ", key=" + (key == null ? "none" : "<from environment>") + "}";
    }
}
