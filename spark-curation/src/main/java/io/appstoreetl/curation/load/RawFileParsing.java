package io.appstoreetl.curation.load;

import io.appstoreetl.curation.raw.RawZone;
import io.appstoreetl.curation.raw.ReportKind;
import io.appstoreetl.curation.raw.SelectedUnit;
import io.appstoreetl.curation.raw.UnitManifest;
import io.appstoreetl.curation.rows.FileParser;
import io.appstoreetl.curation.rows.FileTask;
import io.appstoreetl.curation.rows.ParseOutcome;
import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;

/** Parses the files of the winning units in Spark tasks, one task per group of files. */
public final class RawFileParsing {

  private RawFileParsing() {}

  /** Returns one task per file of each complete unit; empty units have no files. */
  public static List<FileTask> fileTasks(List<SelectedUnit> units, LocalDateTime loadedAt) {
    List<FileTask> tasks = new ArrayList<>();
    for (SelectedUnit unit : units) {
      UnitManifest manifest = unit.manifest();
      if (manifest.status() != UnitManifest.Status.COMPLETE) {
        continue;
      }

      ReportKind kind = manifest.kind().orElseThrow();
      for (String file : manifest.files()) {
        tasks.add(
            new FileTask(
                kind,
                manifest.unitKey() + file,
                manifest.granularity(),
                kind.isSales() ? manifest.reportDate() : manifest.processingDate(),
                kind.isSales() ? null : manifest.appId(),
                manifest.vendorNumber(),
                manifest.origin(),
                unit.wonDates(),
                loadedAt));
      }
    }

    return tasks;
  }

  /**
   * Returns the rows and rejects of every task's file. The result is lazy; callers persist it
   * before using it more than once.
   */
  public static JavaRDD<ParseOutcome> parse(
      JavaSparkContext jsc, RawZone raw, List<FileTask> tasks) {
    // One file per slice spreads large segments over executors; a cap keeps the task count sane
    // when a run touches thousands of small files.
    int slices = Math.max(1, Math.min(tasks.size(), jsc.defaultParallelism() * 8));

    return jsc.parallelize(tasks, slices).flatMap(task -> parseFile(raw, task));
  }

  private static Iterator<ParseOutcome> parseFile(RawZone raw, FileTask task) throws IOException {
    InputStream in = raw.open(task.sourceFile());
    try {
      return FileParser.parse(task, in);
    } catch (IOException | RuntimeException e) {
      in.close();
      throw e;
    }
  }
}
