package io.monitoring.sample;

import java.io.OutputStream;
import java.util.Arrays;

/** A growable byte buffer readable in place. */
final class ByteSink extends OutputStream {
    private byte[] buf = new byte[1 << 16];
    private int size;

    @Override
    public void write(int b) {
        ensure(1);
        buf[size++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, buf, size, len);
        size += len;
    }

    byte[] bytes() {
        return buf;
    }

    int size() {
        return size;
    }

    void reset() {
        size = 0;
    }

    private void ensure(int extra) {
        if (size + extra > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + extra));
        }
    }
}
