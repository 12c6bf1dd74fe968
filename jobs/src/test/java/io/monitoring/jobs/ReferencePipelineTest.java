package io.monitoring.jobs;

import org.junit.jupiter.api.Nested;

/**
 * The tests that compare their tables with {@link ReferencePipeline}'s uninterrupted run, in one
 * class so that they run in one test JVM and the reference pipeline runs once: surefire's forks
 * would each compute their own otherwise (minutes of CI on a two-core machine).
 */
class ReferencePipelineTest {
    @Nested
    class CrashRecovery extends CrashRecoveryChecks {}

    @Nested
    class ConcurrentIngest extends ConcurrentIngestChecks {}
}
