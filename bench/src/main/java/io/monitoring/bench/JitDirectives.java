package io.monitoring.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Switches the JVM's compiler directives between phases, through the same diagnostic command as
 * {@code jcmd <pid> Compiler.directives_add / directives_clear}. The product's launchers start
 * its jobs with {@code conf/jit-directives.json}; the references (the floor, the bare scans, Deequ)
 * are plain Spark and run best with the JVM's defaults. In one bench JVM each phase runs under its
 * own side's directives: Spark compiles new classes for every query, so what a phase compiles
 * follows the directives in force while it runs.
 */
final class JitDirectives {
    private static final String[] SIGNATURE = {String[].class.getName()};
    private final Path file;
    private boolean productActive;

    /** @param file the product's directives file; null: the product runs with the JVM's defaults too */
    JitDirectives(Path file) {
        this.file = file;
    }

    /** Before a phase of the product's jobs. */
    void product() {
        if (file != null && !productActive) {
            String said = invoke("compilerDirectivesAdd", file.toAbsolutePath().toString());
            if (!said.contains("added")) {
                throw new IllegalStateException("compiler directives " + file + " not added: " + said);
            }
            productActive = true;
        }
    }

    /** Before a phase of a reference. */
    void reference() {
        if (productActive) {
            invoke("compilerDirectivesClear");
            productActive = false;
        }
    }

    /** What the report says of them. */
    String describe() {
        return file == null ? "none (JVM defaults for every phase)"
                : file + " for the product's phases (as bin/run-local starts the jobs); JVM defaults for the references";
    }

    private static String invoke(String operation, String... args) {
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            return String.valueOf(server.invoke(new ObjectName("com.sun.management:type=DiagnosticCommand"), operation, new Object[] {args}, SIGNATURE));
        } catch (JMException e) {
            throw new IllegalStateException("diagnostic command " + operation + " failed", e);
        }
    }
}
