package io.monitoring.spark.columnar;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4FastDecompressor;
import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.Attribute;
import org.apache.spark.sql.columnar.CachedBatch;
import org.apache.spark.sql.execution.columnar.DefaultCachedBatch;
import org.apache.spark.sql.execution.columnar.DefaultCachedBatchSerializer;
import org.apache.spark.sql.internal.SQLConf;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.vectorized.ColumnarBatch;
import org.apache.spark.storage.StorageLevel;
import scala.collection.JavaConverters;
import scala.collection.Seq;

/**
 * Spark's cache format ({@link DefaultCachedBatchSerializer}) with the columns it leaves
 * uncompressed, structs, maps and arrays, compressed with LZ4. Spark encodes the other columns
 * of a cached batch (run lengths, dictionaries) but stores a nested value as its row bytes, field
 * names of maps included: ingest's parsed batch, an inference with thirty named features in
 * maps, took about as many bytes cached as its JSON, more than the storage memory of a 3 GB
 * driver at a million records, so half of it went to disk and each pass read it back. These bytes
 * repeat from row to row and shrink several times.
 *
 * <p>A batch's complex columns are compressed when it is built and each is decompressed only when
 * a scan reads that column; the statistics that prune batches are kept as Spark made them. Set as
 * {@code spark.sql.cache.serializer} (a static setting: when the session is built).
 */
public class CompressingCachedBatchSerializer extends DefaultCachedBatchSerializer {
    private static final long serialVersionUID = 1L;
    private static final int LENGTH_BYTES = Integer.BYTES;

    @Override
    public RDD<CachedBatch> convertInternalRowToCachedBatch(RDD<InternalRow> input, Seq<Attribute> schema,
            StorageLevel storageLevel, SQLConf conf) {
        return transformed(super.convertInternalRowToCachedBatch(input, schema, storageLevel, conf), complexColumns(schema), true);
    }

    @Override
    public RDD<CachedBatch> convertColumnarBatchToCachedBatch(RDD<ColumnarBatch> input, Seq<Attribute> schema,
            StorageLevel storageLevel, SQLConf conf) {
        return transformed(super.convertColumnarBatchToCachedBatch(input, schema, storageLevel, conf), complexColumns(schema), true);
    }

    @Override
    public RDD<InternalRow> convertCachedBatchToInternalRow(RDD<CachedBatch> input, Seq<Attribute> cacheAttributes,
            Seq<Attribute> selectedAttributes, SQLConf conf) {
        return super.convertCachedBatchToInternalRow(transformed(input, complexAndSelected(cacheAttributes, selectedAttributes), false),
                cacheAttributes, selectedAttributes, conf);
    }

    @Override
    public RDD<ColumnarBatch> convertCachedBatchToColumnarBatch(RDD<CachedBatch> input, Seq<Attribute> cacheAttributes,
            Seq<Attribute> selectedAttributes, SQLConf conf) {
        return super.convertCachedBatchToColumnarBatch(transformed(input, complexAndSelected(cacheAttributes, selectedAttributes), false),
                cacheAttributes, selectedAttributes, conf);
    }

    private static RDD<CachedBatch> transformed(RDD<CachedBatch> batches, boolean[] columns, boolean compress) {
        return batches.toJavaRDD().map(batch -> transform(batch, columns, compress)).rdd();
    }

    /** Which of the cached columns Spark stores uncompressed: the nested types. */
    static boolean[] complexColumns(Seq<Attribute> schema) {
        List<Attribute> attributes = JavaConverters.seqAsJavaList(schema);
        boolean[] complex = new boolean[attributes.size()];
        for (int i = 0; i < complex.length; i++) {
            complex[i] = isComplex(attributes.get(i).dataType());
        }
        return complex;
    }

    private static boolean isComplex(DataType type) {
        return type instanceof StructType || type instanceof MapType || type instanceof ArrayType;
    }

    private static boolean[] complexAndSelected(Seq<Attribute> cacheAttributes, Seq<Attribute> selectedAttributes) {
        List<Attribute> cached = JavaConverters.seqAsJavaList(cacheAttributes);
        boolean[] complex = complexColumns(cacheAttributes);
        boolean[] read = new boolean[complex.length];
        for (Attribute selected : JavaConverters.seqAsJavaList(selectedAttributes)) {
            for (int i = 0; i < cached.size(); i++) {
                if (cached.get(i).exprId().equals(selected.exprId())) {
                    read[i] = complex[i];
                }
            }
        }
        return read;
    }

    /** The batch with the buffers of the marked columns compressed or decompressed; the others as they are. */
    private static CachedBatch transform(CachedBatch batch, boolean[] columns, boolean compress) {
        DefaultCachedBatch cached = (DefaultCachedBatch) batch;
        byte[][] buffers = cached.buffers();
        byte[][] out = null;
        for (int i = 0; i < buffers.length && i < columns.length; i++) {
            if (columns[i]) {
                if (out == null) {
                    out = Arrays.copyOf(buffers, buffers.length);
                }
                out[i] = compress ? compress(buffers[i]) : decompress(buffers[i]);
            }
        }
        return out == null ? batch : new DefaultCachedBatch(cached.numRows(), out, cached.stats());
    }

    static byte[] compress(byte[] plain) {
        LZ4Compressor compressor = LZ4Factory.fastestInstance().fastCompressor();
        byte[] out = new byte[LENGTH_BYTES + compressor.maxCompressedLength(plain.length)];
        ByteBuffer.wrap(out).putInt(plain.length);
        int length = compressor.compress(plain, 0, plain.length, out, LENGTH_BYTES);
        return Arrays.copyOf(out, LENGTH_BYTES + length);
    }

    static byte[] decompress(byte[] packed) {
        LZ4FastDecompressor decompressor = LZ4Factory.fastestInstance().fastDecompressor();
        byte[] plain = new byte[ByteBuffer.wrap(packed).getInt()];
        decompressor.decompress(packed, LENGTH_BYTES, plain, 0, plain.length);
        return plain;
    }
}
