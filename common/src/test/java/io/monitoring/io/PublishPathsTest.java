package io.monitoring.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class PublishPathsTest {
    private static final Path ROOT = new Path("file:/data/published");

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"..", ".", "../etc", "a/../../b", "a/b", "/abs", "a\\b", "..\\x", "%2F", "a%2Fb", "%2e%2e",
        "a\u0000b", "a\nb", " ", "a b", ".hidden", "~", "s3a://bucket/x", "ａｂ", "a\u2215b", "\u202e"})
    void unsafeNamesAreRefused(String name) {
        assertThrows(PublishPaths.UnsafePathException.class, () -> PublishPaths.segment(name));
        assertThrows(PublishPaths.UnsafePathException.class, () -> PublishPaths.resolve(ROOT, name, "inference-stats"));
    }

    @Test
    void tooLongNamesAreRefused() {
        assertThrows(PublishPaths.UnsafePathException.class, () -> PublishPaths.segment("a".repeat(129)));
        assertEquals("a".repeat(128), PublishPaths.segment("a".repeat(128)));
    }

    @Test
    void plainNamesResolveUnderTheRoot() {
        Path p = PublishPaths.resolve(ROOT, "acme-prod_2", "inference-stats", "daily", "2024-05-01.json");
        assertEquals("file:/data/published/acme-prod_2/inference-stats/daily/2024-05-01.json", p.toString());
        assertEquals("a..b", PublishPaths.segment("a..b"));
    }

    @Test
    void onlyPathsStrictlyBelowTheRootAreUnderIt() {
        assertTrue(PublishPaths.isUnder(ROOT, new Path("file:/data/published/x/y.json")));
        assertFalse(PublishPaths.isUnder(ROOT, new Path("file:/data/published")));
        assertFalse(PublishPaths.isUnder(ROOT, new Path("file:/data/published-other/x")));
        assertFalse(PublishPaths.isUnder(ROOT, new Path("file:/data/published/../secrets/x")));
        assertFalse(PublishPaths.isUnder(ROOT, new Path("file:/etc/passwd")));
        assertFalse(PublishPaths.isUnder(ROOT, new Path("s3a://bucket/data/published/x")));
        assertTrue(PublishPaths.isUnder(new Path("s3a://bucket/pub"), new Path("s3a://bucket/pub/w/x.json")));
        assertFalse(PublishPaths.isUnder(new Path("s3a://bucket/pub"), new Path("s3a://other/pub/w/x.json")));
    }
}
