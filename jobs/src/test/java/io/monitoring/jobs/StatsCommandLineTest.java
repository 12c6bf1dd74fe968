package io.monitoring.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Bad parameters end with exit code 2 and a message, before any Spark session is started. */
class StatsCommandLineTest {
    @TempDir
    Path root;

    private record Outcome(int exitCode, String err) {}

    private Outcome run(Object command, String... args) {
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--root", root.toString()));
        int code = new CommandLine(command).setErr(new PrintWriter(err)).execute(all.toArray(new String[0]));
        return new Outcome(code, err.toString());
    }

    private Outcome statsDoc(String workspace, String start, String end, String... more) {
        List<String> args = new ArrayList<>(List.of("--workspace", workspace, "--start", start, "--end", end));
        args.addAll(List.of(more));
        return run(new StatsDocCommand(), args.toArray(new String[0]));
    }

    @Test
    void statsDocRefusesMalformedTimes() {
        Outcome o = statsDoc("default", "2024-05-02", "2024-05-03 00:00:00");
        assertEquals(2, o.exitCode());
        assertTrue(o.err().contains("startTime '2024-05-02' is not a UTC date-time as YYYY-MM-DD HH:mm:ss"), o.err());
        assertEquals(2, statsDoc("default", "2024-05-02 00:00:00", "2024-05-32 00:00:00").exitCode());
    }

    @Test
    void statsDocRefusesAnEndBeforeTheStart() {
        Outcome o = statsDoc("default", "2024-05-03 00:00:00", "2024-05-02 00:00:00");
        assertEquals(2, o.exitCode());
        assertTrue(o.err().contains("must be after startTime"), o.err());
    }

    @Test
    void statsDocRefusesAnUnknownWorkspaceAndABadSlice() {
        Outcome o = statsDoc("nobody", "2024-05-02 00:00:00", "2024-05-03 00:00:00");
        assertEquals(2, o.exitCode());
        assertTrue(o.err().contains("unknown workspace 'nobody'"), o.err());
        assertEquals(2, statsDoc("default", "2024-05-02 00:00:00", "2024-05-03 00:00:00", "--slice", "colour=red").exitCode());
        assertEquals(2, statsDoc("default", "2024-05-02 00:00:00", "2024-05-03 00:00:00", "--slice", "region").exitCode());
    }

    @Test
    void statsDocNeedsItsOptions() {
        assertEquals(2, run(new StatsDocCommand(), "--start", "2024-05-02 00:00:00", "--end", "2024-05-03 00:00:00").exitCode());
    }

    @Test
    void statsAndPublishRefuseBadWindows() {
        assertEquals(2, run(new StatsJob(), "--start", "2024-05-03", "--end", "2024-05-02").exitCode());
        assertEquals(2, run(new StatsJob()).exitCode());
        assertEquals(2, run(new PublishJob(), "--date", "2024-05-02", "--start", "2024-05-01").exitCode());
        assertEquals(2, run(new PublishJob(), "--start", "not a time", "--end", "2024-05-02").exitCode());
    }
}
