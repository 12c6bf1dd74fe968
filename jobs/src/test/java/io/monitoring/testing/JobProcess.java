package io.monitoring.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A job's {@code main} in a JVM of its own, started the way spark-submit or bin/run-local would
 * (the test classpath, Java 17's --add-opens for Spark, UTC), so that it can be killed for real:
 * {@link Process#destroyForcibly()} sends SIGKILL on Linux, which no shutdown hook, finally block
 * or Spark listener survives. Output goes to a log file whose tail failure messages quote.
 */
public final class JobProcess implements AutoCloseable {
    /** What {@code waitFor()} reports for a process ended by SIGKILL (128 + signal 9). */
    public static final int KILLED_BY_SIGKILL = 128 + 9;

    private final String name;
    private final Process process;
    private final Path log;

    private JobProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /** Starts {@code mainClass args...} with a small, quickly started JVM; output to {@code <name>.log} in workDir. */
    public static JobProcess start(Path workDir, String name, Class<?> mainClass, List<String> args) {
        try {
            Files.createDirectories(workDir);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name, e);
        }
        Path log = workDir.resolve(name + ".log");
        Process process = ChildJvm.of(mainClass)
                .jvmOption("-Xmx1g")
                // a short-lived JVM spends most of its time compiling: C1 alone halves a tiny job's run
                .jvmOption("-XX:TieredStopAtLevel=1")
                .jvmOption("-XX:+UseSerialGC")
                .env("SPARK_LOCAL_IP", "127.0.0.1")
                .args(args.toArray(String[]::new))
                .start(log, log);
        return new JobProcess(name, process, log);
    }

    /**
     * Polls {@code milestone} every few milliseconds and SIGKILLs the JVM the moment it holds;
     * fails if the job ends or the timeout passes first. Returns the exit status (always
     * {@link #KILLED_BY_SIGKILL}, asserted here).
     */
    public int killWhen(String milestoneName, BooleanSupplier milestone, Duration timeout) {
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        while (!milestone.getAsBoolean()) {
            if (!process.isAlive()) {
                fail(name + " ended (exit " + process.exitValue() + ") before " + milestoneName + "\n" + logTail());
            }
            if (System.nanoTime() > deadline) {
                process.destroyForcibly();
                fail(name + " did not reach " + milestoneName + " within " + timeout + "\n" + logTail());
            }
            pause(Duration.ofMillis(3));
        }
        process.destroyForcibly();
        System.out.printf("%s: SIGKILL at '%s', %d ms after start%n", name, milestoneName, (System.nanoTime() - started) / 1_000_000);
        int status = waitFor(Duration.ofSeconds(30));
        if (status != KILLED_BY_SIGKILL) {
            fail(name + " was not ended by SIGKILL at " + milestoneName + " (exit " + status + ")\n" + logTail());
        }
        return status;
    }

    /** Waits for a normal end and fails unless the job exited 0. */
    public void awaitSuccess(Duration timeout) {
        int status = waitFor(timeout);
        if (status != 0) {
            fail(name + " exited " + status + "\n" + logTail());
        }
    }

    private int waitFor(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                fail(name + " still running after " + timeout + "\n" + logTail());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IllegalStateException(e);
        }
    }

    /** Never leaves a JVM behind when a test fails or is interrupted. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }

    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
