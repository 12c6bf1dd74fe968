package io.monitoring.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Peak memory of this JVM (in local mode the Spark driver and its executors) per phase: the largest
 * heap in use seen by a sampler every 50 ms, and the resident set's high-water mark from
 * {@code /proc/self/status} (VmHWM), which is reset at each phase start through
 * {@code /proc/self/clear_refs} where the kernel allows it. Where it does not, the RSS peak of a phase
 * is the process's peak so far, which only overstates it.
 */
final class MemoryMeter implements AutoCloseable {
    private static final Path STATUS = Path.of("/proc/self/status");
    private static final Path CLEAR_REFS = Path.of("/proc/self/clear_refs");
    private static final long SAMPLE_MILLIS = 50;

    private final Thread sampler;
    private volatile boolean running = true;
    private volatile long heapPeak;
    private volatile long rssPeak;
    private final boolean hwmResettable;
    private long processRssPeak;
    private long processHeapPeak;

    record Peak(long heapBytes, long rssBytes) {}

    MemoryMeter() {
        hwmResettable = resetHighWaterMark();
        sampler = new Thread(this::sample, "bench-memory-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    /** Starts a phase: forgets the peaks seen so far (they are kept for the process totals). */
    synchronized void startPhase() {
        long heap = heapUsed();
        heapPeak = heap;
        rssPeak = statusKb("VmRSS:") * 1024;
        resetHighWaterMark();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
    }

    /** The peaks since {@link #startPhase()}. */
    synchronized Peak endPhase() {
        long heap = Math.max(heapPeak, heapUsed());
        long rss = Math.max(rssPeak, statusKb("VmHWM:") * 1024);
        processHeapPeak = Math.max(processHeapPeak, heap);
        processRssPeak = Math.max(processRssPeak, rss);
        return new Peak(heap, rss);
    }

    long processRssPeak() {
        return Math.max(processRssPeak, statusKb("VmHWM:") * 1024);
    }

    long processHeapPeak() {
        return processHeapPeak;
    }

    boolean hwmResettable() {
        return hwmResettable;
    }

    static long maxHeapBytes() {
        return Runtime.getRuntime().maxMemory();
    }

    private void sample() {
        while (running) {
            long heap = heapUsed();
            if (heap > heapPeak) {
                heapPeak = heap;
            }
            long rss = statusKb("VmRSS:") * 1024;
            if (rss > rssPeak) {
                rssPeak = rss;
            }
            try {
                Thread.sleep(SAMPLE_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static long heapUsed() {
        long used = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                used += pool.getUsage().getUsed();
            }
        }
        return used;
    }

    /** A "Name:   123 kB" line of /proc/self/status in kB, or 0 where there is no /proc. */
    static long statusKb(String name) {
        try {
            List<String> lines = Files.readAllLines(STATUS, StandardCharsets.US_ASCII);
            for (String line : lines) {
                if (line.startsWith(name)) {
                    return Long.parseLong(line.substring(name.length()).replace("kB", "").strip());
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }

    /** Writing 5 to clear_refs resets VmHWM to the current RSS (Linux 4.0+). */
    private static boolean resetHighWaterMark() {
        try {
            Files.writeString(CLEAR_REFS, "5");
            return true;
        } catch (IOException | SecurityException e) {
            return false;
        }
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
    }
}
