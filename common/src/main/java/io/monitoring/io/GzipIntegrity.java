package io.monitoring.io;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/**
 * Whether a gzip stream is corrupt, learned by reading it to its end before any record of it is
 * used. A damaged deflate stream can go on decoding wrong bytes (plausible records with changed
 * ids or values) until the CRC check at its end fails, and by then those records would have been
 * ingested. A truncated stream is not corrupt in that sense: everything before the cut decodes
 * exactly, so those records can be kept.
 */
public final class GzipIntegrity {
    private GzipIntegrity() {}

    /** Why the stream is corrupt, or null when it is intact or only cut short. Closes the stream. */
    public static String corruption(InputStream raw) throws IOException {
        byte[] sink = new byte[64 * 1024];
        try (InputStream in = new GZIPInputStream(raw, sink.length)) {
            while (in.read(sink) >= 0) {
                // decoding the whole stream is what checks every member's CRC and length
            }
            return null;
        } catch (EOFException truncated) {
            return null;
        } catch (java.io.FileNotFoundException vanished) {
            throw vanished;
        } catch (IOException corrupt) {
            return corrupt.getClass().getSimpleName() + ": " + corrupt.getMessage();
        }
    }
}
