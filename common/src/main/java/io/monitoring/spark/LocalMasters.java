package io.monitoring.spark;

import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What a local Spark master URL ({@code local}, {@code local[N]}, {@code local[*]}, {@code local[N,F]}) says about the machine. */
public final class LocalMasters {
    private static final Pattern LOCAL = Pattern.compile("local(?:\\[(\\*|\\d+)(?:,\\s*\\d+)?\\])?");

    private LocalMasters() {}

    /** The task threads of a local master: its N, the machine's processors for {@code *}; empty for any other master. */
    public static OptionalInt cores(String master) {
        Matcher m = master == null ? null : LOCAL.matcher(master.trim());
        if (m == null || !m.matches()) {
            return OptionalInt.empty();
        }
        String n = m.group(1);
        if (n == null) {
            return OptionalInt.of(1);
        }
        return OptionalInt.of("*".equals(n) ? Runtime.getRuntime().availableProcessors() : Math.max(1, Integer.parseInt(n)));
    }
}
