package io.monitoring.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a main class of the test classpath in a JVM of its own, with the test JVM's --add-opens
 * flags, a heap limit, extra environment variables and its output captured to files: for what one
 * shared test JVM cannot show (a small heap, a real environment variable).
 */
public final class ChildJvm {
    private final String mainClass;
    private final List<String> jvmOptions = new ArrayList<>();
    private final List<String> args = new ArrayList<>();
    private final Map<String, String> env = new java.util.LinkedHashMap<>();
    private String classpath = defaultClasspath();

    private ChildJvm(String mainClass) {
        this.mainClass = mainClass;
    }

    public static ChildJvm of(Class<?> mainClass) {
        return new ChildJvm(mainClass.getName());
    }

    public static ChildJvm of(String mainClass) {
        return new ChildJvm(mainClass);
    }

    public ChildJvm jvmOption(String option) {
        jvmOptions.add(option);
        return this;
    }

    /** Replaces the test classpath, e.g. to show a class needs nothing but the JDK. */
    public ChildJvm classpath(String value) {
        classpath = value;
        return this;
    }

    public ChildJvm args(String... values) {
        args.addAll(List.of(values));
        return this;
    }

    public ChildJvm env(String name, String value) {
        env.put(name, value);
        return this;
    }

    /** Runs to completion (or kills it after the timeout) and returns its exit code; stdout and stderr go to the files. */
    public int run(Path stdout, Path stderr, long timeoutSeconds) {
        try {
            Process p = start(stdout, stderr);
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
                throw new IllegalStateException(mainClass + " did not finish within " + timeoutSeconds + " s; see " + stderr);
            }
            return p.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Starts it and returns at once; stdout and stderr go to the files (one file when both are the
     * same path). The classpath goes through an argument file beside stdout, since it can be longer
     * than a command line may be.
     */
    public Process start(Path stdout, Path stderr) {
        try {
            Path argFile = stdout.resolveSibling(stdout.getFileName() + ".args");
            // an @argfile value: backslashes and quotes escaped, the whole path list quoted
            Files.writeString(argFile, "-cp \"" + classpath.replace("\\", "\\\\").replace("\"", "\\\"") + "\"\n",
                    StandardCharsets.UTF_8);
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(jvmOptions);
            for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
                if (arg.startsWith("--add-opens") || arg.startsWith("-Duser.timezone")) {
                    command.add(arg);
                }
            }
            command.add("@" + argFile);
            command.add(mainClass);
            command.addAll(args);
            ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(stdout.toFile());
            if (stdout.equals(stderr)) {
                pb.redirectErrorStream(true);
            } else {
                pb.redirectError(stderr.toFile());
            }
            pb.environment().putAll(env);
            return pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + mainClass, e);
        }
    }

    /** Surefire may hand the test JVM a manifest-only jar; a child given that jar reads the same manifest. */
    private static String defaultClasspath() {
        String cp = System.getProperty("surefire.test.class.path");
        return cp != null && !cp.isBlank() ? cp : System.getProperty("java.class.path");
    }
}
