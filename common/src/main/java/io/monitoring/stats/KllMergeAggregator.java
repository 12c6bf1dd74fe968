package io.monitoring.stats;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.spark.sql.Encoder;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.expressions.Aggregator;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;

/**
 * Merges a column of serialized KLL sketches inside an ordinary {@code groupBy().agg(...)}: the
 * hourly stats' partitions each sketch their part of a group, and their sketches are merged where
 * the group's counts are summed. Null sketches are skipped; a group without any yields null. The
 * merged sketch stays deserialized in the aggregation buffer and is serialized only when Spark
 * shuffles or spills it.
 */
public final class KllMergeAggregator extends Aggregator<byte[], KllMergeAggregator.Buffer, byte[]> {
    private static final long serialVersionUID = 1L;

    /** {@code kll_merge(binary column) -> binary}, for use in {@code agg(...)}. */
    public static UserDefinedFunction udaf() {
        return functions.udaf(new KllMergeAggregator(), Encoders.BINARY());
    }

    @Override
    public Buffer zero() {
        return new Buffer();
    }

    @Override
    public Buffer reduce(Buffer buffer, byte[] sketch) {
        if (sketch != null) {
            KllDoublesSketch next = KllSketches.fromBytes(sketch);
            if (!next.isEmpty()) {
                buffer.sketch().merge(next);
            }
        }
        return buffer;
    }

    @Override
    public Buffer merge(Buffer left, Buffer right) {
        if (right.sketch != null && !right.sketch.isEmpty()) {
            left.sketch().merge(right.sketch);
        }
        return left;
    }

    @Override
    public byte[] finish(Buffer buffer) {
        return buffer.sketch == null || buffer.sketch.isEmpty() ? null : buffer.sketch.toByteArray();
    }

    @Override
    public Encoder<Buffer> bufferEncoder() {
        return Encoders.javaSerialization(Buffer.class);
    }

    @Override
    public Encoder<byte[]> outputEncoder() {
        return Encoders.BINARY();
    }

    /** The aggregation buffer: a heap sketch, created on first use, serialized as its compact bytes. */
    public static final class Buffer implements Serializable {
        private static final long serialVersionUID = 1L;
        private transient KllDoublesSketch sketch;

        KllDoublesSketch sketch() {
            if (sketch == null) {
                sketch = KllSketches.newSketch();
            }
            return sketch;
        }

        private void writeObject(ObjectOutputStream out) throws IOException {
            out.defaultWriteObject();
            byte[] bytes = sketch == null ? null : sketch.toByteArray();
            out.writeObject(bytes);
        }

        private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
            in.defaultReadObject();
            byte[] bytes = (byte[]) in.readObject();
            sketch = bytes == null ? null : KllSketches.fromBytes(bytes);
        }
    }
}
