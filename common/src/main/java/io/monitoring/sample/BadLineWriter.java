package io.monitoring.sample;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;

/**
 * Writes the malformed lines mixed into inference files, each a realistic record broken in one way
 * ({@link BadLineReason}). Reasons follow a fixed cycle: the first nine bad lines cover every reason, then
 * the costly {@code batch_too_large} (a 1,001-record envelope) comes once per 81 lines.
 */
final class BadLineWriter {
    static final int OVERSIZED_ENVELOPE = 1001;
    private static final BadLineReason[] CYCLE = cycle();

    private final ArizeModel[] arize;
    private final GuardianModel[] guardian;
    private final ProductRankerModel ranker;
    private final ByteSink scratch = new ByteSink();
    private final JsonGenerator scratchGenerator;

    BadLineWriter(ArizeModel[] arize, GuardianModel[] guardian, ProductRankerModel ranker) throws IOException {
        this.arize = arize;
        this.guardian = guardian;
        this.ranker = ranker;
        this.scratchGenerator = LandingJson.generator(scratch);
    }

    /** The reason of the {@code index}-th bad line of the whole sample. */
    static BadLineReason reasonAt(long index) {
        return CYCLE[(int) (index % CYCLE.length)];
    }

    /** Writes the {@code index}-th bad line, stamped {@code time}, into the day's inference partition. */
    BadLineReason write(StreamContext c, long time, long index) throws IOException {
        BadLineReason reason = reasonAt(index);
        StreamOutput out = c.out;
        switch (reason) {
            case MALFORMED_JSON -> {
                scratch.reset();
                if (c.rng.nextBoolean()) {
                    pick(arize, c).writeFaulty(scratchGenerator, c, time, null);
                } else {
                    pick(guardian, c).writeFaulty(scratchGenerator, c, time, null);
                }
                scratchGenerator.flush();
                int length = scratch.size();
                int cut = length / 4 + c.rng.nextInt(Math.max(1, length / 2));
                out.rawLine(scratch.bytes(), cut, time);
            }
            case NOT_A_JSON_OBJECT -> {
                JsonGenerator g = out.beginLine(1);
                switch (c.rng.nextInt(3)) {
                    case 0 -> g.writeArray(new int[] {1 + c.rng.nextInt(9), 1 + c.rng.nextInt(9)}, 0, 2);
                    case 1 -> g.writeString("x");
                    default -> g.writeNumber(c.rng.nextInt(1000));
                }
                out.endLine(time);
            }
            case NO_PREDICTION_OR_ACTUAL, INVALID_FEATURE_TYPE, TIMESTAMP_OUT_OF_RANGE, MISSING_MODEL_ID -> {
                pick(arize, c).writeFaulty(out.beginLine(1), c, time, reason);
                out.endLine(time);
            }
            case INVALID_TIMESTAMP -> {
                JsonGenerator g = out.beginLine(1);
                if (c.rng.nextBoolean()) {
                    pick(arize, c).writeFaulty(g, c, time, reason);
                } else {
                    pick(guardian, c).writeFaulty(g, c, time, reason);
                }
                out.endLine(time);
            }
            case WRONG_TYPE -> {
                pick(guardian, c).writeFaulty(out.beginLine(1), c, time, reason);
                out.endLine(time);
            }
            case BATCH_TOO_LARGE -> {
                ranker.writeOversizedEnvelope(out.beginLine(1), c, time, OVERSIZED_ENVELOPE);
                out.endLine(time);
            }
            default -> throw new IllegalStateException("unhandled " + reason);
        }
        return reason;
    }

    private static <T> T pick(T[] models, StreamContext c) {
        return models[c.rng.nextInt(models.length)];
    }

    private static BadLineReason[] cycle() {
        BadLineReason[] all = BadLineReason.values();
        int cheap = all.length - 1;
        BadLineReason[] cycle = new BadLineReason[all.length + cheap * all.length];
        System.arraycopy(all, 0, cycle, 0, all.length);
        int at = all.length;
        for (int round = 0; round < all.length; round++) {
            for (BadLineReason r : all) {
                if (r != BadLineReason.BATCH_TOO_LARGE) {
                    cycle[at++] = r;
                }
            }
        }
        return cycle;
    }
}
