package io.monitoring.jobs;

import io.monitoring.testing.ChildJvm;
import io.monitoring.testing.Landing;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One run of the whole local pipeline ({@link PipelineRunner}, as {@code bin/run-local} starts it)
 * in a JVM of its own, shared by the tests that inspect what it leaves behind. Its environment
 * holds fake credentials and the personal-data hash key, as a real deployment's would; a fake
 * secret also reaches Spark as a {@code spark.hadoop.*} system property (what {@code spark-submit
 * --conf} does); its landing holds personal fields configured to be dropped or hashed, and model
 * ids and workspace names built to climb out of the publish root. Everything it writes should be
 * inside {@link #runRoot()}; its output and logs go to {@link #logs()}.
 */
final class SandboxPipelineRun {
    /** A marker in every hostile name, so anything escaping the sandbox can be found by name. */
    static final String MARKER = "esc7f3a9c";
    static final String SECRET_KEY = "FAKE-SECRET-7f3a9c2b41d8e6a0";
    static final String ACCESS_KEY = "FAKEACCESS7F3A9C2B41D8";
    static final String SESSION_TOKEN = "FAKE-TOKEN-7f3a9c-session-0b1e";
    static final String CONF_SECRET = "FAKE-CONF-SECRET-7f3a9c5d2e";
    static final String PII_KEY = "FAKE-PII-HMAC-KEY-7f3a9c88";
    static final List<String> SECRETS = List.of(SECRET_KEY, ACCESS_KEY, SESSION_TOKEN, CONF_SECRET, PII_KEY);
    static final String EMAIL = "jane.doe.pii7f3a9c@example.com";
    static final String USER_NAME = "Jane-Private-7f3a9c";
    static final String CUSTOMER_ID = "CUST-PII-7f3a9c-0042";
    static final List<String> PERSONAL_VALUES = List.of(EMAIL, USER_NAME, CUSTOMER_ID);
    static final String AS_OF = "2026-02-10T00:00:00Z";
    static final String SAFE_WORKSPACE = "team-a";

    /** Model ids as logged, each mapped to a workspace name just as hostile (in config). */
    static final Map<String, String> HOSTILE_WORKSPACE_OF_MODEL = hostileWorkspaces();
    /** A hostile model id left unmapped: it is published in the default workspace, as data, never as a path. */
    static final String UNMAPPED_HOSTILE_MODEL = "/tmp/" + MARKER + "-absolute-model";
    /** The model id a Guardian landing folder {@code monitor_id=..%2F..%2F<marker>-folder} decodes to. */
    static final String FOLDER_MODEL = "../../" + MARKER + "-folder";

    private static SandboxPipelineRun instance;

    private final Path sandbox;
    private final int exitCode;

    private SandboxPipelineRun(Path sandbox, int exitCode) {
        this.sandbox = sandbox;
        this.exitCode = exitCode;
    }

    static synchronized SandboxPipelineRun get() {
        if (instance == null) {
            instance = run();
        }
        return instance;
    }

    Path sandbox() {
        return sandbox;
    }

    Path runRoot() {
        return sandbox.resolve("run");
    }

    Path logs() {
        return sandbox.resolve("logs");
    }

    int exitCode() {
        return exitCode;
    }

    String output() {
        try {
            return Files.readString(logs().resolve("stdout.txt")) + Files.readString(logs().resolve("stderr.txt"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static SandboxPipelineRun run() {
        try {
            Path sandbox = Files.createTempDirectory("monitoring-sandbox-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(sandbox)));
            Path run = sandbox.resolve("run");
            Path conf = Files.createDirectories(sandbox.resolve("conf"));
            Path logs = Files.createDirectories(sandbox.resolve("logs"));
            Files.createDirectories(sandbox.resolve("tmp"));
            Files.createDirectories(run.resolve("spark-events"));
            writeLanding(run.resolve("landing"));
            Path config = conf.resolve("sandbox.conf");
            Files.writeString(config, config(run));
            Path log4j = conf.resolve("log4j2.properties");
            Files.writeString(log4j, String.join("\n",
                    "rootLogger.level = info",
                    "rootLogger.appenderRef.console.ref = console",
                    "appender.console.type = Console",
                    "appender.console.name = console",
                    "appender.console.target = SYSTEM_ERR",
                    "appender.console.layout.type = PatternLayout",
                    "appender.console.layout.pattern = %d{HH:mm:ss} %p %c{1}: %m%n", ""));

            int exit = ChildJvm.of(PipelineRunner.class)
                    .jvmOption("-Xmx1g")
                    // a short-lived JVM spends most of its time compiling: C1 alone is faster here
                    .jvmOption("-XX:TieredStopAtLevel=1")
                    .jvmOption("-XX:+UseSerialGC")
                    .jvmOption("-XX:-UsePerfData")
                    .jvmOption("-Djava.io.tmpdir=" + sandbox.resolve("tmp"))
                    .jvmOption("-Dlog4j2.configurationFile=" + log4j.toUri())
                    .jvmOption("-Dspark.hadoop.fs.s3a.secret.key=" + CONF_SECRET)
                    .env("AWS_ACCESS_KEY_ID", ACCESS_KEY)
                    .env("AWS_SECRET_ACCESS_KEY", SECRET_KEY)
                    .env("AWS_SESSION_TOKEN", SESSION_TOKEN)
                    .env("MONITORING_PII_KEY", PII_KEY)
                    .args("--config", config.toString(), "--root", run.toString(), "--as-of", AS_OF, "--no-sample")
                    .run(logs.resolve("stdout.txt"), logs.resolve("stderr.txt"), 1200);
            keepLogs(sandbox);
            return new SandboxPipelineRun(sandbox, exit);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The sandbox goes when the test JVM ends; its output stays in target/ for whoever reads a CI failure. */
    private static void keepLogs(Path sandbox) throws IOException {
        Path kept = Files.createDirectories(Path.of("target", "sandbox-pipeline-run"));
        for (String name : List.of("stdout.txt", "stderr.txt")) {
            Files.copy(sandbox.resolve("logs").resolve(name), kept.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        try (Stream<Path> all = Files.walk(sandbox)) {
            Files.write(kept.resolve("files.txt"), all.map(p -> sandbox.relativize(p).toString()).sorted().toList());
        }
    }

    /** No secret here: credentials only ever come from the environment. Spark's scratch, event log and Hive's stay in the run root. */
    private static String config(Path run) {
        StringBuilder workspaces = new StringBuilder();
        HOSTILE_WORKSPACE_OF_MODEL.forEach((model, ws) -> workspaces.append("      ").append(quoted(model)).append(" = ")
                .append(quoted(ws)).append('\n'));
        workspaces.append("      fraud = ").append(SAFE_WORKSPACE).append('\n');
        return "monitoring {\n"
                + "  privacy {\n"
                + "    drop-fields = [email]\n"
                + "    hash-fields = [user_name, customer_id]\n"
                + "  }\n"
                + "  models {\n"
                + "    workspace-of-model {\n" + workspaces + "    }\n"
                + "  }\n"
                // quality's hourly rows and CBPE add minutes of planning on a busy machine and nothing these tests look at
                + "  quality { granularities = [day], cbpe.enabled = false }\n"
                + "  spark.shuffle-partitions = 2\n"
                + "  spark.conf {\n"
                + "    \"spark.local.dir\" = " + quoted(run.resolve("spark-local").toString()) + "\n"
                + "    \"spark.eventLog.enabled\" = \"true\"\n"
                + "    \"spark.eventLog.dir\" = " + quoted(run.resolve("spark-events").toUri().toString()) + "\n"
                + "    \"spark.logConf\" = \"true\"\n"
                + "  }\n"
                + "}\n";
    }

    private static Map<String, String> hostileWorkspaces() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("../../" + MARKER + "-dotdot-model", "../../" + MARKER + "-dotdot-ws");
        m.put("a/b/" + MARKER + "-slash-model", "/tmp/" + MARKER + "-absolute-ws");
        m.put("..%2F..%2F" + MARKER + "-encoded-model", "..%2F..%2F" + MARKER + "-encoded-ws");
        m.put(MARKER + "-nul\u0000model", MARKER + "\u0000ws");
        m.put("..\\..\\" + MARKER + "-backslash-model", "..\\..\\" + MARKER + "-backslash-ws");
        m.put("..", "..");
        m.put(FOLDER_MODEL, "a/../../" + MARKER + "-mixed-ws");
        return m;
    }

    private static void writeLanding(Path landing) {
        Instant landed = Instant.parse("2026-02-09T23:00:00Z");
        List<String> guardian = new ArrayList<>();
        List<String> arize = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String ts = String.format("2026-02-09T%02d:15:00Z", 8 + i % 10);
            guardian.add("{\"id\":\"si-" + i + "\",\"monitor_id\":\"support-intent\",\"prediction\":{\"label\":\"" + (i % 3 == 0 ? "refund" : "billing")
                    + "\",\"score\":0.8},\"actual\":\"billing\",\"input_data\":{\"email\":\"" + EMAIL + "\",\"user_name\":\"" + USER_NAME
                    + "\",\"words\":" + (3 + i) + "},\"metadata\":{\"customer_id\":\"" + CUSTOMER_ID + "\",\"region\":\"north\"},\"latency_ms\":"
                    + (10 + i) + ",\"timestamp\":\"" + ts + "\"}");
            arize.add("{\"model_id\":\"fraud\",\"prediction_id\":\"fr-" + i + "\",\"prediction\":{\"timestamp\":\"" + ts
                    + "\",\"label\":{\"score_categorical\":{\"category\":\"" + (i % 4 == 0 ? "fraud" : "legit") + "\",\"score\":0.7}},"
                    + "\"features\":{\"amount\":{\"double\":" + (20 + i) + "},\"email\":{\"string\":\"" + EMAIL + "\"}},"
                    + "\"tags\":{\"customer_id\":{\"string\":\"" + CUSTOMER_ID + "\"}}},\"actual\":{\"label\":{\"score_categorical\":{\"category\":\"legit\"}}}}");
            for (String model : HOSTILE_WORKSPACE_OF_MODEL.keySet()) {
                if (!model.equals(FOLDER_MODEL)) {
                    guardian.add(hostileRecord(model, i, ts, true));
                }
            }
            guardian.add(hostileRecord(UNMAPPED_HOSTILE_MODEL, i, ts, true));
        }
        // quarantined lines holding personal values: the raw text kept must be redacted, or withheld
        guardian.add("{\"id\":\"bad-1\",\"monitor_id\":\"support-intent\",\"prediction\":\"billing\",\"latency_ms\":\"slow\","
                + "\"input_data\":{\"email\":\"" + EMAIL + "\"},\"metadata\":{\"customer_id\":\"" + CUSTOMER_ID + "\"}}");
        guardian.add("not json at all: user_name=" + USER_NAME + " email=" + EMAIL);
        Landing.write(landing, "inferences/guardian.jsonl", String.join("\n", guardian) + "\n", landed);
        Landing.write(landing, "inferences/arize.jsonl", String.join("\n", arize) + "\n", landed);
        StringBuilder folder = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            folder.append(hostileRecord(null, i, String.format("2026-02-09T%02d:45:00Z", 8 + i % 10), false)).append('\n');
        }
        Landing.write(landing, "inferences/monitor_id=..%2F..%2F" + MARKER + "-folder/part-0.jsonl", folder.toString(), landed);
    }

    /** A Guardian record of a hostile model (the id JSON-escaped), or one that takes its model from its folder. */
    private static String hostileRecord(String model, int i, String ts, boolean withMonitor) {
        String id = "h-" + Integer.toHexString((model == null ? "folder" : model).hashCode()) + "-" + i;
        String monitor = withMonitor ? "\"monitor_id\":" + quoted(model) + "," : "";
        return "{\"id\":\"" + id + "\"," + monitor + "\"prediction\":{\"label\":\"" + (i % 2 == 0 ? "a" : "b")
                + "\",\"score\":0.6},\"actual\":\"a\",\"input_data\":{\"x\":" + i + "},\"metadata\":{\"region\":\"south\"},"
                + "\"latency_ms\":5,\"timestamp\":\"" + ts + "\"}";
    }

    /** A JSON (and HOCON) string literal: quotes, backslashes and control characters escaped. */
    static String quoted(String s) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(s);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // best effort at JVM exit
        }
    }
}
