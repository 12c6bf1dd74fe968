package io.monitoring.jobs;

import org.junit.jupiter.api.Nested;

/**
 * The secrets and the path-escape checks, in one class so that they run in one test JVM and share
 * the one sandboxed pipeline run ({@link SandboxPipelineRun}, a whole pipeline in a child JVM):
 * surefire's forks would each start their own otherwise.
 */
class SandboxPipelineTest {
    @Nested
    class SecretsDoNotLeak extends SecretsDoNotLeakChecks {}

    @Nested
    class PublishPathEscape extends PublishPathEscapeChecks {}
}
