package io.monitoring.ingest;

/** Facts a landing path carries: a {@code monitor_id=X} or {@code model_id=X} folder names the model. */
final class LandingPaths {
    private LandingPaths() {}

    static String monitorOf(String path) {
        String found = null;
        for (String segment : path.split("/")) {
            if (segment.startsWith("monitor_id=") || segment.startsWith("model_id=")) {
                String value = segment.substring(segment.indexOf('=') + 1);
                if (!value.isBlank()) {
                    found = java.net.URLDecoder.decode(value, java.nio.charset.StandardCharsets.UTF_8);
                }
            }
        }
        return found;
    }
}
