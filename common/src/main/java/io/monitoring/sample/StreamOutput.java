package io.monitoring.sample;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Where a stream writes its lines: rendered into {@link LineBlock}s that are handed to the day's merger
 * once they hold about {@link #BLOCK_BYTES}. A fixed pool of blocks bounds memory and makes a stream
 * that runs ahead wait for the merger.
 */
final class StreamOutput {
    static final int BLOCK_BYTES = 1 << 18;
    private static final int BLOCKS = 3;

    private final BlockingQueue<LineBlock> full = new ArrayBlockingQueue<>(BLOCKS + 1);
    private final BlockingQueue<LineBlock> free = new ArrayBlockingQueue<>(BLOCKS);
    private final Redirect inferenceTarget = new Redirect();
    private final Redirect actualTarget = new Redirect();
    private final JsonGenerator inferenceGenerator;
    private final JsonGenerator actualGenerator;
    private LineBlock block;
    private long pendingRecords;

    StreamOutput() throws IOException {
        for (int i = 0; i < BLOCKS; i++) {
            free.add(new LineBlock());
        }
        inferenceGenerator = LandingJson.generator(inferenceTarget);
        actualGenerator = LandingJson.generator(actualTarget);
        block = free.poll();
        point(block);
    }

    /** Starts an inference line of {@code records} records. */
    JsonGenerator beginLine(long records) {
        pendingRecords = records;
        return inferenceGenerator;
    }

    void endLine(long landedMicros) throws IOException {
        inferenceGenerator.writeRaw('\n');
        inferenceGenerator.flush();
        block.addLine(landedMicros, pendingRecords);
        maybeHandOff();
    }

    /** Writes pre-rendered bytes (a deliberately broken record) as one inference line. */
    void rawLine(byte[] bytes, int length, long landedMicros) throws IOException {
        inferenceGenerator.flush();
        block.inferenceBytes.write(bytes, 0, length);
        block.inferenceBytes.write('\n');
        block.addLine(landedMicros, 1);
        maybeHandOff();
    }

    /** Starts an actual line arriving at {@code arrivalMicros}; may be called while an inference line is open. */
    JsonGenerator beginActual() {
        return actualGenerator;
    }

    void endActual(long arrivalMicros) throws IOException {
        actualGenerator.writeRaw('\n');
        actualGenerator.flush();
        block.addActual(arrivalMicros);
    }

    /** Hands over the last block and the end marker. */
    void finish() throws IOException {
        if (block.lines > 0) {
            put(block);
        }
        put(LineBlock.END);
    }

    /** The merger's side: the next block, or {@link LineBlock#END}. */
    LineBlock take() throws InterruptedException {
        return full.take();
    }

    /** The merger's side: gives a merged block back. */
    void recycle(LineBlock merged) {
        merged.clear();
        free.add(merged);
    }

    private void maybeHandOff() throws IOException {
        if (block.inferenceBytes.size() + block.actualBytes.size() >= BLOCK_BYTES) {
            put(block);
            try {
                block = free.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("stream cancelled");
            }
            point(block);
        }
    }

    private void put(LineBlock b) throws IOException {
        try {
            full.put(b);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("stream cancelled");
        }
    }

    private void point(LineBlock b) {
        inferenceTarget.to = b.inferenceBytes;
        actualTarget.to = b.actualBytes;
    }

    /** Lets the generators keep writing while the block behind them changes (only between lines). */
    private static final class Redirect extends OutputStream {
        ByteSink to;

        @Override
        public void write(int b) {
            to.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            to.write(b, off, len);
        }
    }
}
