package io.monitoring.sample;

/**
 * Runs one stream of one day on its own thread, rendering its lines into {@link LineBlock}s for the
 * merger. A failure is kept for the merger to rethrow; the end marker is always sent.
 */
final class StreamWorker {
    final StreamOutput output;
    private final RecordStream stream;
    private final Thread thread;
    private volatile Throwable failure;

    StreamWorker(String name, StreamOutput output, RecordStream stream) {
        this.output = output;
        this.stream = stream;
        this.thread = new Thread(this::run, name);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private void run() {
        try {
            while (stream.hasNext()) {
                stream.emitNext();
            }
        } catch (Throwable t) {
            failure = t;
        }
        try {
            output.finish();
        } catch (Throwable t) {
            if (failure == null) {
                failure = t;
            }
        }
    }

    Throwable failure() {
        return failure;
    }

    /** Stops a worker whose lines are no longer wanted (the merger failed). */
    void cancel() {
        thread.interrupt();
    }

    void join() throws InterruptedException {
        thread.join();
    }
}
