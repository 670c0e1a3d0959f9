package io.appstoreetl.curation.load;

import io.appstoreetl.curation.raw.RawZone;
import io.appstoreetl.curation.rows.FileParser;
import io.appstoreetl.curation.rows.FileTask;
import io.appstoreetl.curation.rows.ParseOutcome;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;

/** Parses the files of the winning units in Spark tasks, one task per group of files. */
public final class RawFileParsing {

  private RawFileParsing() {}

  /**
   * Returns the rows, rejects and file summaries of every task's file. The result is lazy; callers
   * persist it before using it more than once.
   */
  public static JavaRDD<ParseOutcome> parse(
      JavaSparkContext jsc, RawZone raw, List<FileTask> tasks) {
    // One file per slice spreads large segments over executors; a cap keeps the task count sane
    // when a run touches thousands of small files.
    int slices = Math.max(1, Math.min(tasks.size(), jsc.defaultParallelism() * 8));

    return jsc.parallelize(tasks, slices).flatMap(task -> parseFile(raw, task));
  }

  private static Iterator<ParseOutcome> parseFile(RawZone raw, FileTask task) {
    InputStream in;
    try {
      in = raw.open(task.sourceFile());
    } catch (IOException e) {
      // A manifest that names a file the raw zone lacks: the file is rejected, the run goes on.
      return FileParser.unreadable(task, "cannot open: " + e.getMessage());
    }

    return FileParser.parse(task, in);
  }
}
