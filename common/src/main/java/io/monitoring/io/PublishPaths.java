package io.monitoring.io;

import java.net.URI;
import java.util.Objects;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.Path;

/**
 * Output paths built from data (workspace names, model ids) under a publish root. A name becomes a
 * path segment only if it is plain: letters, digits, '.', '_' and '-', not starting with '.', at most
 * 128 characters. Everything else ('/', '\', "..", "%2F", NUL, spaces, non-ASCII look-alikes) is
 * refused rather than encoded, so a published path always reads back as the name it came from; and
 * every resolved path is checked, after normalization, to lie under the root.
 */
public final class PublishPaths {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private PublishPaths() {}

    /** Thrown for a name that cannot be a path segment, or a path that would leave its root. */
    public static final class UnsafePathException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        public UnsafePathException(String message) {
            super(message);
        }
    }

    /** The name itself when it is a safe single path segment; otherwise {@link UnsafePathException}. */
    public static String segment(String name) {
        if (name == null || !PLAIN.matcher(name).matches()) {
            throw new UnsafePathException("not a safe path segment: '" + printable(name)
                    + "' (allowed: letters, digits, '.', '_', '-', not starting with '.', at most 128)");
        }
        return name;
    }

    /** {@code root/s1/s2/...}, each segment checked by {@link #segment}, the result checked to be under root. */
    public static Path resolve(Path root, String... segments) {
        Path p = root;
        for (String s : segments) {
            p = new Path(p, segment(s));
        }
        if (!isUnder(root, p)) {
            throw new UnsafePathException("path " + p + " is not under " + root);
        }
        return p;
    }

    /** Whether {@code candidate}, normalized, is strictly below {@code root} on the same file system. */
    public static boolean isUnder(Path root, Path candidate) {
        URI r = root.toUri().normalize();
        URI c = candidate.toUri().normalize();
        if (!Objects.equals(r.getScheme(), c.getScheme()) || !Objects.equals(r.getAuthority(), c.getAuthority())) {
            return false;
        }
        String rootPath = r.getPath().endsWith("/") ? r.getPath() : r.getPath() + "/";
        String path = c.getPath();
        return path.startsWith(rootPath) && path.length() > rootPath.length() && !path.contains("/../");
    }

    private static String printable(String name) {
        if (name == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder();
        name.codePoints().limit(200).forEach(cp -> {
            if (cp < 0x20 || cp == 0x7f) {
                b.append(String.format("\\u%04x", cp));
            } else {
                b.appendCodePoint(cp);
            }
        });
        return b.toString();
    }
}
