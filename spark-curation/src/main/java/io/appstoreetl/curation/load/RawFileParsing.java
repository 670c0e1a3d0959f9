package io.appstoreetl.curation.load;

import io.appstoreetl.curation.raw.RawZone;
import io.appstoreetl.curation.rows.FileParser;
import io.appstoreetl.curation.rows.FileSummary;
import io.appstoreetl.curation.rows.FileTask;
import io.appstoreetl.curation.rows.ParseOutcome;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.util.CollectionAccumulator;

/** Parses the files of the winning units in Spark tasks, one task per group of files. */
public final class RawFileParsing {

  /** Rejected lines of one file that a direct parse hands to the driver; the rest are counted. */
  static final int MAX_KEPT_REJECTS_PER_FILE = 1000;

  private RawFileParsing() {}

  /**
   * Returns the rows, rejects and file summaries of every task's file. The result is lazy; callers
   * persist it before using it more than once.
   */
  public static JavaRDD<ParseOutcome> parse(
      JavaSparkContext jsc, RawZone raw, List<FileTask> tasks) {
    return jsc.parallelize(tasks, slices(jsc, tasks)).flatMap(task -> parseFile(raw, task));
  }

  /**
   * Returns the table rows of the tasks' files as Spark internal rows, for one write that reads
   * them once. The files' summaries, and their first {@value #MAX_KEPT_REJECTS_PER_FILE} rejected
   * lines each, go to the accumulators as the rows are read.
   *
   * <p>A file rejected whole after it has yielded rows, and with {@code rowsRequired} a task that
   * yields no row at all, stop the task with a {@link DirectParseAbandoned}, so that the write
   * fails and commits nothing; the caller then curates the table the careful way.
   */
  static JavaRDD<InternalRow> parseRows(
      JavaSparkContext jsc,
      RawZone raw,
      List<FileTask> tasks,
      InternalRows converter,
      boolean rowsRequired,
      CollectionAccumulator<FileSummary> summaries,
      CollectionAccumulator<ParseOutcome> rejects) {
    return jsc.parallelize(tasks, slices(jsc, tasks))
        .mapPartitions(
            files -> new DirectRows(raw, files, converter, rowsRequired, summaries, rejects));
  }

  /** True when {@code e}, or one of its causes, shows that a direct parse was abandoned. */
  static boolean isAbandoned(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof DirectParseAbandoned
          || (cause.getMessage() != null
              && cause.getMessage().contains(DirectParseAbandoned.MARKER))) {
        return true;
      }
    }

    return false;
  }

  private static int slices(JavaSparkContext jsc, List<FileTask> tasks) {
    // One file per slice spreads large segments over executors; a cap keeps the task count sane
    // when a run touches thousands of small files.
    return Math.max(1, Math.min(tasks.size(), jsc.defaultParallelism() * 8));
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

  /** Thrown in a task to fail a direct write on purpose. */
  static final class DirectParseAbandoned extends RuntimeException {
    private static final long serialVersionUID = 1L;
    static final String MARKER = "[direct parse abandoned]";

    DirectParseAbandoned(String reason) {
      super(MARKER + " " + reason);
    }
  }

  /** The rows of a task's files, with the summaries and rejects sent to accumulators. */
  private static final class DirectRows implements Iterator<InternalRow> {
    private final RawZone raw;
    private final Iterator<FileTask> files;
    private final InternalRows converter;
    private final boolean rowsRequired;
    private final CollectionAccumulator<FileSummary> summaries;
    private final CollectionAccumulator<ParseOutcome> rejects;
    private Iterator<ParseOutcome> current;
    private FileTask task;
    private long fileRows;
    private long fileRejectsKept;
    private long taskRows;
    private InternalRow next;

    DirectRows(
        RawZone raw,
        Iterator<FileTask> files,
        InternalRows converter,
        boolean rowsRequired,
        CollectionAccumulator<FileSummary> summaries,
        CollectionAccumulator<ParseOutcome> rejects) {
      this.raw = raw;
      this.files = files;
      this.converter = converter;
      this.rowsRequired = rowsRequired;
      this.summaries = summaries;
      this.rejects = rejects;
    }

    @Override
    public boolean hasNext() {
      while (next == null) {
        if (current == null || !current.hasNext()) {
          if (!files.hasNext()) {
            if (rowsRequired && taskRows == 0) {
              throw new DirectParseAbandoned("no rows in the files of this task");
            }
            return false;
          }
          task = files.next();
          current = parseFile(raw, task);
          fileRows = 0;
          fileRejectsKept = 0;
          continue;
        }

        ParseOutcome outcome = current.next();
        if (outcome.isRow()) {
          fileRows++;
          taskRows++;
          next = converter.convert(outcome.row());
        } else if (outcome.isRejected()) {
          if (fileRejectsKept < MAX_KEPT_REJECTS_PER_FILE) {
            rejects.add(outcome);
            fileRejectsKept++;
          }
        } else {
          FileSummary summary = outcome.summary();
          if (summary.failed() && fileRows > 0) {
            throw new DirectParseAbandoned(
                task.sourceFile() + " was rejected after " + fileRows + " rows");
          }
          summaries.add(summary);
        }
      }

      return true;
    }

    @Override
    public InternalRow next() {
      if (!hasNext()) {
        throw new NoSuchElementException("No more rows");
      }
      InternalRow row = next;
      next = null;

      return row;
    }
  }
}
