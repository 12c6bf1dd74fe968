package io.monitoring.ingest;

import io.monitoring.io.LandingFile;
import io.monitoring.io.SerializableHadoopConf;
import io.monitoring.model.Schemas;
import io.monitoring.spark.InternalRows;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Reads landing files into parsed-record rows ({@link Schemas#PARSED}), one Spark task per group of
 * files. Files are read by the executors through the Hadoop FileSystem, so any scheme works.
 * Gzip files cannot be split, so a file is the unit of parallelism, as in Spark's own JSON source.
 */
public final class LandingReader {
    private static final int MAX_TASKS = 10_000;
    private static final InternalRows PARSED_ROWS = InternalRows.of(Schemas.PARSED);

    private LandingReader() {}

    public static Dataset<Row> read(SparkSession spark, List<LandingFile> files, IngestRules rules) {
        List<LandingFile> bySizeDescending = new ArrayList<>(files);
        bySizeDescending.sort(Comparator.comparingLong(LandingFile::length).reversed().thenComparing(LandingFile::path));
        int tasks = Math.max(1, Math.min(files.size(), MAX_TASKS));
        SerializableHadoopConf conf = new SerializableHadoopConf(spark.sparkContext().hadoopConfiguration());
        JavaRDD<Row> rows = JavaSparkContext.fromSparkContext(spark.sparkContext())
                .parallelize(bySizeDescending, tasks)
                .mapPartitions(it -> parseAll(it, rules, conf));
        return PARSED_ROWS.dataset(spark, rows);
    }

    private static Iterator<Row> parseAll(Iterator<LandingFile> files, IngestRules rules, SerializableHadoopConf conf) {
        LandingFileParser parser = new LandingFileParser(rules, conf.get());
        return new Iterator<>() {
            private Iterator<Row> current = java.util.Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!current.hasNext() && files.hasNext()) {
                    current = parser.parse(files.next());
                }
                return current.hasNext();
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new java.util.NoSuchElementException();
                }
                return current.next();
            }
        };
    }
}
