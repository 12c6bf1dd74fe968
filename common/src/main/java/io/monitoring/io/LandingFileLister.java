package io.monitoring.io;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * Lists landing files under a root through the Hadoop FileSystem (file, s3a, ...). Names that
 * start with "_" or "." anywhere below the root are skipped, as Hadoop and Spark do for
 * markers and temporary files; only configured suffixes are kept. Sorted by path.
 */
public final class LandingFileLister {
    private LandingFileLister() {}

    public static List<LandingFile> list(Configuration hadoopConf, String root, List<String> suffixes) {
        Path rootPath = new Path(root);
        List<LandingFile> files = new ArrayList<>();
        try {
            FileSystem fs = rootPath.getFileSystem(hadoopConf);
            if (!fs.exists(rootPath)) {
                return files;
            }
            Path qualifiedRoot = fs.makeQualified(rootPath);
            RemoteIterator<LocatedFileStatus> it = fs.listFiles(qualifiedRoot, true);
            while (it.hasNext()) {
                LocatedFileStatus status = it.next();
                String path = status.getPath().toString();
                if (isHidden(qualifiedRoot.toString(), path) || !hasSuffix(path, suffixes)) {
                    continue;
                }
                files.add(new LandingFile(path, status.getLen(), status.getModificationTime()));
            }
        } catch (FileNotFoundException vanishedDuringListing) {
            // a folder removed while listing: what was listed is still read
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list landing files under " + root, e);
        }
        files.sort(Comparator.comparing(LandingFile::path));
        return files;
    }

    /** The total length of those of {@code files} listed under {@code root} (as {@link #list} qualifies it). */
    public static long bytesUnder(Configuration hadoopConf, String root, List<LandingFile> files) {
        Path rootPath = new Path(root);
        String prefix;
        try {
            prefix = rootPath.getFileSystem(hadoopConf).makeQualified(rootPath).toString();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot resolve landing root " + root, e);
        }
        String folder = prefix.endsWith("/") ? prefix : prefix + "/";
        return files.stream().filter(f -> f.path().startsWith(folder)).mapToLong(LandingFile::length).sum();
    }

    static boolean isHidden(String root, String path) {
        String relative = path.startsWith(root) ? path.substring(root.length()) : path;
        for (String segment : relative.split("/")) {
            if (segment.startsWith("_") || segment.startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasSuffix(String path, List<String> suffixes) {
        for (String suffix : suffixes) {
            if (path.endsWith(suffix)) {
                return true;
            }
        }
        return false;
    }
}
