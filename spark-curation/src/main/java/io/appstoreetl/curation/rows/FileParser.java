package io.appstoreetl.curation.rows;

import io.appstoreetl.curation.parse.LineResult;
import io.appstoreetl.curation.parse.RawFileException;
import io.appstoreetl.curation.parse.RejectedLine;
import io.appstoreetl.curation.parse.ReportReader;
import io.appstoreetl.curation.parse.SourceRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Turns one raw file into table rows and rejects.
 *
 * <p>Analytics files are read line by line as the returned iterator advances; a sales file is read
 * whole because in-app purchase rows need the file's app rows. A file rejected whole yields a
 * single reject with line number 0.
 */
public final class FileParser {

  private FileParser() {}

  /**
   * Returns the outcomes of the file {@code in}, which the iterator closes once exhausted.
   *
   * @throws IOException if the file cannot be read; reading later lines throws {@link
   *     UncheckedIOException} instead
   */
  public static Iterator<ParseOutcome> parse(FileTask task, InputStream in) throws IOException {
    String table = task.report().table().name();
    ReportReader reader;
    try {
      reader =
          ReportReader.open(task.sourceFile(), in, task.report().table(), task.report().format());
    } catch (RawFileException e) {
      return List.of(ParseOutcome.rejected(table, RejectedLine.wholeFile(e))).iterator();
    }

    if (task.report().isSales()) {
      List<LineResult> lines = reader.readAll();
      return SalesRows.assemble(task, lines).iterator();
    }

    return new AnalyticsIterator(task, reader);
  }

  /** Maps analytics lines lazily, skipping those of dates the unit does not win. */
  private static final class AnalyticsIterator implements Iterator<ParseOutcome> {
    private final FileTask task;
    private final ReportReader reader;
    private final String table;
    private ParseOutcome next;
    private boolean closed;

    AnalyticsIterator(FileTask task, ReportReader reader) {
      this.task = task;
      this.reader = reader;
      this.table = task.report().table().name();
    }

    @Override
    public boolean hasNext() {
      while (next == null && !closed) {
        if (!reader.hasNext()) {
          close();
          return false;
        }
        next = map(reader.next());
      }

      return next != null;
    }

    @Override
    public ParseOutcome next() {
      if (!hasNext()) {
        throw new NoSuchElementException("No more rows in " + task.sourceFile());
      }
      ParseOutcome outcome = next;
      next = null;

      return outcome;
    }

    private ParseOutcome map(LineResult line) {
      if (line instanceof SourceRecord record) {
        return AnalyticsRows.assemble(task, record);
      }
      RejectedLine reject = (RejectedLine) line;
      if (reject.metricDate() != null && !task.wonDates().contains(reject.metricDate())) {
        return null;
      }

      return ParseOutcome.rejected(table, reject);
    }

    private void close() {
      closed = true;
      try {
        reader.close();
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot close raw file " + task.sourceFile(), e);
      }
    }
  }
}
