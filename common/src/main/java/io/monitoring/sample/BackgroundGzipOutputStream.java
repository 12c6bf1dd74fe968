package io.monitoring.sample;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * A gzip stream that deflates on its own thread, so producing JSON and compressing it overlap. Bytes reach
 * the deflater in the same order and the same fixed-size chunks as written, so output is deterministic.
 * A few chunks are in flight at most: memory stays flat and a slow deflater slows the producer down.
 *
 * <p>Uses {@link Deflater#BEST_SPEED}: deflating is most of the generator's cost, and level 1 runs about
 * twice as fast as the default level 6 for files about 40% larger.
 */
final class BackgroundGzipOutputStream extends OutputStream {
    private static final int CHUNK = 1 << 18;
    private static final int IN_FLIGHT = 3;
    private static final byte[] END = new byte[0];

    private final BlockingQueue<byte[]> full = new ArrayBlockingQueue<>(IN_FLIGHT + 1);
    private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(IN_FLIGHT + 1);
    private final BlockingQueue<Integer> lengths = new ArrayBlockingQueue<>(IN_FLIGHT + 1);
    private final Thread deflater;
    private volatile Throwable failure;
    private byte[] current = new byte[CHUNK];
    private int size;
    private boolean closed;

    BackgroundGzipOutputStream(OutputStream target, String name) {
        for (int i = 0; i < IN_FLIGHT; i++) {
            free.add(new byte[CHUNK]);
        }
        deflater = new Thread(() -> deflate(target), "gzip " + name);
        deflater.setDaemon(true);
        deflater.start();
    }

    @Override
    public void write(int b) throws IOException {
        if (size == CHUNK) {
            handOff();
        }
        current[size++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            if (size == CHUNK) {
                handOff();
            }
            int n = Math.min(len, CHUNK - size);
            System.arraycopy(b, off, current, size, n);
            size += n;
            off += n;
            len -= n;
        }
    }

    /** Deliberately a no-op: flushing mid-stream would only make the output depend on flush points. */
    @Override
    public void flush() {
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (size > 0) {
            handOff();
        }
        try {
            lengths.put(0);
            full.put(END);
            deflater.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while finishing gzip stream");
        }
        rethrow();
    }

    private void handOff() throws IOException {
        rethrow();
        try {
            lengths.put(size);
            full.put(current);
            current = free.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while handing data to gzip");
        }
        size = 0;
    }

    private void rethrow() throws IOException {
        Throwable t = failure;
        if (t instanceof IOException io) {
            throw new IOException("gzip deflater failed", io);
        }
        if (t != null) {
            throw new IOException("gzip deflater failed", t);
        }
    }

    private void deflate(OutputStream target) {
        GZIPOutputStream gzip = null;
        try {
            gzip = new GZIPOutputStream(target, 1 << 16) {
                {
                    def.setLevel(Deflater.BEST_SPEED);
                }
            };
        } catch (Throwable t) {
            failure = t;
        }
        try {
            while (true) {
                int length = lengths.take();
                byte[] chunk = full.take();
                if (chunk == END) {
                    break;
                }
                if (failure == null) {
                    try {
                        gzip.write(chunk, 0, length);
                    } catch (Throwable t) {
                        failure = t;
                    }
                }
                // After a failure keep draining, so the producer never blocks on a dead consumer.
                free.put(chunk);
            }
            if (failure == null) {
                gzip.close();
            } else {
                target.close();
            }
        } catch (Throwable t) {
            if (failure == null) {
                failure = t;
            }
        }
    }
}
