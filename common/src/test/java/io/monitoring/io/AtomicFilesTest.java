package io.monitoring.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    private static List<String> names(Path folder) throws Exception {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void writesCreatesFoldersReplacesAndLeavesNothingElse() throws Exception {
        Configuration conf = new Configuration();
        org.apache.hadoop.fs.Path target = new org.apache.hadoop.fs.Path(dir.toUri().toString() + "/ws/inference-stats/daily/2024-05-01.json");
        AtomicFiles.write(conf, target, "first".getBytes(StandardCharsets.UTF_8));
        Path local = dir.resolve("ws/inference-stats/daily/2024-05-01.json");
        assertArrayEquals("first".getBytes(StandardCharsets.UTF_8), Files.readAllBytes(local));

        AtomicFiles.write(conf, target, "second, longer".getBytes(StandardCharsets.UTF_8));
        assertArrayEquals("second, longer".getBytes(StandardCharsets.UTF_8), Files.readAllBytes(local));
        assertEquals(List.of("2024-05-01.json"), names(local.getParent()), "no temporary or checksum files");
    }
}
