package io.monitoring.jobs;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The Airflow DAG files, read with Python's ast (Airflow itself cannot be installed here): the task
 * graph is ingest -> join -> stats, quality, drift -> publish; every java_class is a job of this
 * jar; every rendered argument list parses with that job's own command line.
 */
class AirflowDagTest {
    private static final Path PROJECT = Path.of("").toAbsolutePath().getParent();
    private static Map<String, JsonNode> dags;

    @BeforeAll
    static void inspectDags() throws Exception {
        Process p = new ProcessBuilder("python3", PROJECT.resolve("airflow/tools/dag_inspect.py").toString(),
                PROJECT.resolve("airflow/dags").toString(), "--render", "2026-02-03T00:00:00",
                "--var", "monitoring_config=conf/local.conf")
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        String json = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), "dag_inspect.py failed");
        dags = new HashMap<>();
        for (JsonNode dag : new ObjectMapper().readTree(json)) {
            dags.put(dag.get("dag_id").asText(), dag);
        }
    }

    @Test
    void dailyDagOrdersTheJobsAsThePipelineNeedsThem() {
        JsonNode daily = dags.get("model_monitoring_daily");
        assertNotNull(daily);
        assertEquals("@daily", daily.get("schedule").asText());
        assertTrue(daily.get("catchup").asBoolean(), "backfills are safe, so catchup is on");
        assertEquals(Set.of(
                "wait_for_landing>ingest", "ingest>join_labels",
                "join_labels>stats", "join_labels>quality", "join_labels>drift",
                "stats>publish", "quality>publish", "drift>publish", "publish>register_tables"), edges(daily));
        assertEquals("S3KeySensor", task(daily, "wait_for_landing").get("operator").asText());
    }

    @Test
    void hourlyDagRunsStatsEveryHourAndMaintenanceWeekly() {
        JsonNode hourly = dags.get("model_monitoring_hourly");
        assertEquals("@hourly", hourly.get("schedule").asText());
        assertEquals(Set.of("wait_for_landing>ingest", "ingest>stats", "stats>publish"), edges(hourly));
        assertEquals(List.of("--config", "conf/local.conf", "--start", "2026-02-03T00:00:00+00:00", "--end", "2026-02-03T01:00:00+00:00"),
                args(task(hourly, "stats")));
        JsonNode weekly = dags.get("model_monitoring_maintenance");
        assertEquals("@weekly", weekly.get("schedule").asText());
        assertEquals("io.monitoring.jobs.MaintenanceJob", task(weekly, "maintenance").get("java_class").asText());
    }

    @Test
    void everySparkTaskNamesAJobOfThisJarAndItsArgumentsParse() throws Exception {
        int checked = 0;
        for (JsonNode dag : dags.values()) {
            for (JsonNode task : dag.get("tasks")) {
                if (!"SparkSubmitOperator".equals(task.get("operator").asText())) {
                    continue;
                }
                String javaClass = task.get("java_class").asText();
                Class<?> job = Class.forName(javaClass);
                assertNotNull(job.getMethod("main", String[].class), javaClass + " has a main");
                Object command = job.getDeclaredConstructor().newInstance();
                List<String> args = args(task);
                assertDoesNotThrow(() -> new CommandLine(command).parseArgs(args.toArray(String[]::new)),
                        () -> dag.get("dag_id").asText() + "." + task.get("task_id").asText() + " arguments " + args);
                checked++;
            }
        }
        assertTrue(checked >= 10, "all Spark tasks checked: " + checked);
    }

    @Test
    void windowsComeFromTheDataIntervalNeverTheClock() {
        JsonNode daily = dags.get("model_monitoring_daily");
        for (String id : List.of("join_labels", "stats", "quality", "drift", "publish")) {
            List<String> args = args(task(daily, id));
            assertEquals("2026-02-03T00:00:00+00:00", args.get(args.indexOf("--start") + 1), id);
            assertEquals("2026-02-04T00:00:00+00:00", args.get(args.indexOf("--end") + 1), id);
        }
        List<String> ingest = args(task(daily, "ingest"));
        assertEquals("2026-02-04T00:00:00+00:00", ingest.get(ingest.indexOf("--as-of") + 1));
    }

    private static Set<String> edges(JsonNode dag) {
        Set<String> out = new HashSet<>();
        for (JsonNode e : dag.get("edges")) {
            out.add(e.get(0).asText() + ">" + e.get(1).asText());
        }
        return out;
    }

    private static JsonNode task(JsonNode dag, String id) {
        for (JsonNode t : dag.get("tasks")) {
            if (id.equals(t.get("task_id").asText())) {
                return t;
            }
        }
        throw new AssertionError("no task " + id + " in " + dag.get("dag_id"));
    }

    private static List<String> args(JsonNode task) {
        List<String> out = new ArrayList<>();
        task.get("application_args").forEach(a -> out.add(a.asText()));
        return out;
    }
}
