package io.monitoring.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.monitoring.model.RejectReason;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads features and tags from both formats. Guardian {@code input_data} is plain JSON: numbers are
 * numeric, strings and booleans categorical, arrays of numbers embeddings, nested objects
 * flattened with dots. Arize features are typed ({@code double | string | int | embedding}); any
 * other type is rejected as {@code invalid_feature_type}, as the Arize API does.
 */
final class FeatureReader {
    private FeatureReader() {}

    static Features guardian(JsonNode inputData) throws RecordRejected {
        Features f = Features.empty();
        if (inputData != null) {
            flatten("", inputData, f);
        }
        return f;
    }

    private static void flatten(String prefix, JsonNode obj, Features f) throws RecordRejected {
        Iterator<Map.Entry<String, JsonNode>> it = obj.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = prefix + e.getKey();
            JsonNode v = e.getValue();
            if (v.isNull()) {
                continue;
            } else if (v.isNumber()) {
                f.numeric().put(name, JsonFields.finite(v.asDouble(), "input_data." + name));
            } else if (v.isTextual()) {
                f.categorical().put(name, v.asText());
            } else if (v.isBoolean()) {
                f.categorical().put(name, v.asText());
            } else if (v.isObject()) {
                flatten(name + ".", v, f);
            } else if (v.isArray() && allNumbers(v) && v.size() > 0) {
                f.embedding().put(name, vector(v, "input_data." + name));
            } else {
                // lists of strings or mixed values: kept as their JSON text, a categorical value
                f.categorical().put(name, v.toString());
            }
        }
    }

    static Features arize(JsonNode features) throws RecordRejected {
        Features f = Features.empty();
        if (features == null) {
            return f;
        }
        Iterator<Map.Entry<String, JsonNode>> it = features.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = e.getKey();
            JsonNode typed = e.getValue();
            if (typed.isNull()) {
                continue;
            }
            if (!typed.isObject() || typed.size() != 1) {
                throw new RecordRejected(RejectReason.INVALID_FEATURE_TYPE,
                        "feature " + name + " must be an object with one of double|string|int|embedding");
            }
            String type = typed.fieldNames().next();
            JsonNode v = typed.get(type);
            switch (type) {
                case "double" -> f.numeric().put(name, arizeDouble(v, name));
                case "int" -> f.numeric().put(name, (double) arizeInt(v, name));
                case "string" -> f.categorical().put(name, arizeString(v, name));
                case "embedding" -> f.embedding().put(name, arizeEmbedding(v, name));
                default -> throw new RecordRejected(RejectReason.INVALID_FEATURE_TYPE,
                        "feature " + name + " has unsupported type " + type);
            }
        }
        return f;
    }

    /** Arize tags: typed like features (no embeddings), stored as strings. */
    static Map<String, String> arizeTags(JsonNode tags) throws RecordRejected {
        Map<String, String> out = new TreeMap<>();
        if (tags == null) {
            return out;
        }
        Iterator<Map.Entry<String, JsonNode>> it = tags.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = e.getKey();
            JsonNode typed = e.getValue();
            if (typed.isNull()) {
                continue;
            }
            if (!typed.isObject() || typed.size() != 1) {
                throw new RecordRejected(RejectReason.INVALID_FEATURE_TYPE, "tag " + name + " must be an object with one of double|string|int");
            }
            String type = typed.fieldNames().next();
            JsonNode v = typed.get(type);
            switch (type) {
                case "double" -> out.put(name, v.asText(String.valueOf(arizeDouble(v, name))));
                case "int" -> out.put(name, String.valueOf(arizeInt(v, name)));
                case "string" -> out.put(name, arizeString(v, name));
                default -> throw new RecordRejected(RejectReason.INVALID_FEATURE_TYPE, "tag " + name + " has unsupported type " + type);
            }
        }
        return out;
    }

    /** Guardian metadata: any JSON values, stored as strings (objects and arrays as their JSON). */
    static Map<String, String> plainTags(JsonNode metadata) {
        Map<String, String> out = new TreeMap<>();
        if (metadata == null) {
            return out;
        }
        Iterator<Map.Entry<String, JsonNode>> it = metadata.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            if (!v.isNull()) {
                out.put(e.getKey(), v.isValueNode() ? v.asText() : v.toString());
            }
        }
        return out;
    }

    private static double arizeDouble(JsonNode v, String name) throws RecordRejected {
        if (v.isNumber()) {
            return JsonFields.finite(v.asDouble(), "feature " + name);
        }
        if (v.isTextual()) {
            try {
                return JsonFields.finite(Double.parseDouble(v.asText().strip()), "feature " + name);
            } catch (NumberFormatException ignored) {
                // falls through to the rejection below
            }
        }
        throw new RecordRejected(RejectReason.WRONG_TYPE, "feature " + name + ": double value is not a number");
    }

    private static long arizeInt(JsonNode v, String name) throws RecordRejected {
        if (v.isIntegralNumber()) {
            if (!v.canConvertToLong()) {
                throw new RecordRejected(RejectReason.INVALID_NUMBER, "feature " + name + ": int value " + v.asText() + " overflows 64 bits");
            }
            return v.asLong();
        }
        if (v.isTextual()) {
            String text = v.asText().strip();
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException notALong) {
                if (text.matches("[+-]?\\d+")) {
                    throw new RecordRejected(RejectReason.INVALID_NUMBER, "feature " + name + ": int value " + text + " overflows 64 bits");
                }
            }
        }
        throw new RecordRejected(RejectReason.WRONG_TYPE, "feature " + name + ": int value is not an integer");
    }

    private static String arizeString(JsonNode v, String name) throws RecordRejected {
        if (v.isValueNode() && !v.isNull()) {
            return v.asText();
        }
        throw new RecordRejected(RejectReason.WRONG_TYPE, "feature " + name + ": string value is not a string");
    }

    private static List<Double> arizeEmbedding(JsonNode v, String name) throws RecordRejected {
        JsonNode vector = v.isObject() ? v.get("vector") : null;
        if (vector == null || !vector.isArray() || vector.size() == 0 || !allNumbers(vector)) {
            throw new RecordRejected(RejectReason.WRONG_TYPE, "feature " + name + ": embedding needs a non-empty numeric vector");
        }
        return vector(vector, name);
    }

    private static boolean allNumbers(JsonNode array) {
        for (JsonNode x : array) {
            if (!x.isNumber()) {
                return false;
            }
        }
        return true;
    }

    private static List<Double> vector(JsonNode array, String name) throws RecordRejected {
        List<Double> out = new ArrayList<>(array.size());
        for (JsonNode x : array) {
            out.add(JsonFields.finite(x.asDouble(), name));
        }
        return out;
    }
}
