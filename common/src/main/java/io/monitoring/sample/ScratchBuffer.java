package io.monitoring.sample;

import java.io.ByteArrayOutputStream;

/** A reusable byte buffer whose contents can be read without copying. */
final class ScratchBuffer extends ByteArrayOutputStream {
    ScratchBuffer() {
        super(4096);
    }

    byte[] bytes() {
        return buf;
    }
}
