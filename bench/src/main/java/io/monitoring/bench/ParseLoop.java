package io.monitoring.bench;

import io.monitoring.config.ConfigLoader;
import io.monitoring.ingest.IngestRules;
import io.monitoring.ingest.LandingFileParser;
import io.monitoring.io.LandingFile;
import io.monitoring.model.Schemas;
import io.monitoring.spark.InternalRows;
import java.io.File;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.encoders.ExpressionEncoder;
import org.apache.spark.sql.catalyst.encoders.RowEncoder;
import org.apache.spark.sql.catalyst.expressions.UnsafeProjection;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Ingest's per-record cost without Spark's scheduling, for A/B runs of the parse: one thread reads
 * the given landing files with the product's {@link LandingFileParser} and turns every row into
 * Spark's unsafe form, pass after pass, printing microseconds per record: by default as ingest does
 * ({@link InternalRows}, then the unsafe projection the next operator of the plan makes), or with
 * {@code --convert encoder} through the row encoder {@code createDataFrame} uses. The first passes
 * include JIT compilation; compare the later ones (the best of them is the least disturbed by other
 * load).
 */
@Command(name = "parse-loop", mixinStandardHelpOptions = true,
        description = "Microseconds per record of ingest's parse and row encoding, single-threaded.")
public final class ParseLoop implements Callable<Integer> {
    @Option(names = "--as-of", defaultValue = "2026-02-04T23:46:14Z",
            description = "Ingest's --as-of for the timestamp range checks (default: ${DEFAULT-VALUE}, the 1M bench's).")
    Instant asOf;

    @Option(names = "--passes", defaultValue = "10", description = "(default: ${DEFAULT-VALUE})")
    int passes;

    @Option(names = "--convert", defaultValue = "internal-rows",
            description = "How rows become Spark's: internal-rows (ingest's InternalRows, then an unsafe projection as the next "
                    + "operator makes) or encoder (Spark's row encoder, what createDataFrame uses) (default: ${DEFAULT-VALUE}).")
    String convert;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Landing files, e.g. bench/work/n1000000/landing/inferences/dt=2026-02-01/part-00000.jsonl.gz.")
    List<File> files;

    public static void main(String[] args) {
        System.exit(new CommandLine(new ParseLoop()).execute(args));
    }

    @Override
    public Integer call() {
        IngestRules rules = IngestRules.of(asOf, ConfigLoader.defaults(), Map.of());
        List<LandingFile> landing = new ArrayList<>();
        for (File f : files) {
            landing.add(new LandingFile(f.getAbsoluteFile().toURI().toString(), f.length(), f.lastModified()));
        }
        Function<Row, InternalRow> toInternal = converter(convert);
        Configuration hadoopConf = new Configuration();
        for (int pass = 1; pass <= passes; pass++) {
            long records = 0;
            long fields = 0; // a use of each encoded row (hashing it would cost as much as a tenth of the parse)
            long start = System.nanoTime();
            for (LandingFile file : landing) {
                Iterator<Row> rows = new LandingFileParser(rules, hadoopConf).parse(file);
                while (rows.hasNext()) {
                    fields += toInternal.apply(rows.next()).numFields();
                    records++;
                }
            }
            double micros = (System.nanoTime() - start) / 1e3 / Math.max(1, records);
            System.out.printf("pass %d: %,d rows, %.1f us per row (%,d fields)%n", pass, records, micros, fields);
        }
        return 0;
    }

    private static Function<Row, InternalRow> converter(String how) {
        switch (how) {
            case "encoder" -> {
                ExpressionEncoder.Serializer<Row> encoder = ExpressionEncoder.apply(RowEncoder.encoderFor(Schemas.PARSED, true)).createSerializer();
                return encoder::apply;
            }
            case "internal-rows" -> {
                InternalRows rows = InternalRows.of(Schemas.PARSED);
                UnsafeProjection unsafe = UnsafeProjection.create(Schemas.PARSED);
                return row -> unsafe.apply(rows.toInternal(row));
            }
            default -> throw new CommandLine.ParameterException(new CommandLine(new ParseLoop()), "--convert: internal-rows or encoder, not " + how);
        }
    }
}
