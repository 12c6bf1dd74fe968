package io.monitoring.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.executor.TaskMetrics;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.scheduler.StageInfo;

/**
 * What Spark did during a phase (the Spark UI is off): jobs, stages, tasks, the tasks' run and CPU
 * time, bytes read, shuffled and spilled, and the longest stages with their call sites, so a slow
 * phase shows whether it is many small jobs, one big shuffle, or spilling.
 */
final class SparkCounters extends SparkListener {
    private static final int LONGEST = 5;

    private long jobs;
    private long stages;
    private long tasks;
    private long runMillis;
    private long cpuNanos;
    private long inputBytes;
    private long shuffleReadBytes;
    private long shuffleWriteBytes;
    private long spillBytes;
    private final List<String[]> stageTimes = new ArrayList<>();

    @Override
    public synchronized void onJobStart(SparkListenerJobStart jobStart) {
        jobs++;
    }

    @Override
    public synchronized void onStageCompleted(SparkListenerStageCompleted completed) {
        StageInfo info = completed.stageInfo();
        stages++;
        tasks += info.numTasks();
        TaskMetrics m = info.taskMetrics();
        if (m != null) {
            runMillis += m.executorRunTime();
            cpuNanos += m.executorCpuTime();
            inputBytes += m.inputMetrics().bytesRead();
            shuffleReadBytes += m.shuffleReadMetrics().totalBytesRead();
            shuffleWriteBytes += m.shuffleWriteMetrics().bytesWritten();
            spillBytes += m.diskBytesSpilled();
        }
        long wall = info.submissionTime().isDefined() && info.completionTime().isDefined()
                ? (Long) info.completionTime().get() - (Long) info.submissionTime().get() : 0;
        String site = info.name();
        stageTimes.add(new String[] {String.valueOf(wall), site + " (" + info.numTasks() + " tasks)"});
    }

    /** The counts since the last call, and starts counting afresh. */
    synchronized Map<String, Object> drain() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("jobs", jobs);
        out.put("stages", stages);
        out.put("tasks", tasks);
        out.put("task_seconds", runMillis / 1000.0);
        out.put("task_cpu_seconds", cpuNanos / 1e9);
        out.put("input_mib", inputBytes >> 20);
        out.put("shuffle_read_mib", shuffleReadBytes >> 20);
        out.put("shuffle_write_mib", shuffleWriteBytes >> 20);
        out.put("spill_mib", spillBytes >> 20);
        stageTimes.sort(Comparator.comparingLong((String[] s) -> Long.parseLong(s[0])).reversed());
        List<String> longest = new ArrayList<>();
        for (int i = 0; i < Math.min(LONGEST, stageTimes.size()); i++) {
            longest.add(String.format(java.util.Locale.ROOT, "%.1f s %s", Long.parseLong(stageTimes.get(i)[0]) / 1000.0, stageTimes.get(i)[1]));
        }
        out.put("longest_stages", longest);
        jobs = stages = tasks = runMillis = cpuNanos = inputBytes = shuffleReadBytes = shuffleWriteBytes = spillBytes = 0;
        stageTimes.clear();
        return out;
    }
}
