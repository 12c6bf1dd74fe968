package io.monitoring.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.ChecksumFileSystem;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;

/**
 * Writes a whole file so that a reader sees the old bytes or the new ones, never a part, through
 * the Hadoop FileSystem. On object stores (s3a, gs, ...) an object appears only when its upload
 * completes, so the file is written in place; renaming there would be a copy. Elsewhere (local
 * disk, HDFS) the bytes go to a hidden temporary file in the same folder which is then renamed
 * over the target; the temporary file never outlives the call.
 */
public final class AtomicFiles {
    /** Stores whose create-then-close is a single atomic PUT and whose rename is not atomic. */
    public static final Set<String> OBJECT_STORE_SCHEMES = Set.of("s3a", "s3", "s3n", "gs", "oss", "cosn", "obs");

    private AtomicFiles() {}

    public static void write(Configuration conf, Path target, byte[] bytes) {
        try {
            FileSystem fs = target.getFileSystem(conf);
            String scheme = fs.getUri().getScheme();
            if (scheme != null && OBJECT_STORE_SCHEMES.contains(scheme.toLowerCase(Locale.ROOT))) {
                try (FSDataOutputStream out = fs.create(target, true)) {
                    out.write(bytes);
                }
                return;
            }
            // no .crc side files beside published documents
            FileSystem raw = fs instanceof ChecksumFileSystem checksummed ? checksummed.getRawFileSystem() : fs;
            Path tmp = new Path(target.getParent(), "." + target.getName() + "." + UUID.randomUUID() + ".tmp");
            try {
                try (FSDataOutputStream out = raw.create(tmp, false)) {
                    out.write(bytes);
                    out.hsync();
                }
                if (!raw.rename(tmp, target)) {
                    // HDFS-like stores refuse to rename onto an existing file; this rename replaces it atomically
                    FileContext.getFileContext(raw.getUri(), conf).rename(tmp, target, Options.Rename.OVERWRITE);
                }
            } finally {
                if (raw.exists(tmp)) {
                    raw.delete(tmp, false);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + target, e);
        }
    }
}
