package io.monitoring.io;

import java.io.Serializable;

/** One file found under a landing root: what a reader task is handed. */
public record LandingFile(String path, long length, long modificationTimeMillis) implements Serializable {
    public boolean gzipped() {
        return path.endsWith(".gz");
    }
}
