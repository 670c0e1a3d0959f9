package io.appstoreetl.curation.load;

import io.appstoreetl.curation.rows.FileSummary;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The file summaries of one run, grouped for the load report and {@code load_audit}.
 *
 * <p>A file whose summary failed is rejected whole: none of its rows are written, and every row and
 * reject it produced counts as rejected. A file rejected before any line was read counts as one
 * rejected row under a null metric date.
 */
public final class UnitResults {
  private final List<FileSummary> summaries;
  private final Set<String> failedFiles = new HashSet<>();
  private final Map<String, List<FileSummary>> byUnit = new HashMap<>();

  public UnitResults(Collection<FileSummary> summaries) {
    this.summaries = List.copyOf(summaries);
    for (FileSummary summary : summaries) {
      if (summary.failed()) {
        failedFiles.add(summary.sourceFile());
      }
      byUnit.computeIfAbsent(summary.unitKey(), key -> new ArrayList<>()).add(summary);
    }
  }

  /** Returns the raw-zone keys of the files rejected whole. */
  public Set<String> failedFiles() {
    return failedFiles;
  }

  /** Returns all file summaries. */
  public List<FileSummary> summaries() {
    return summaries;
  }

  /** Returns the summaries of one unit's files, in no particular order. */
  public List<FileSummary> ofUnit(String unitKey) {
    return byUnit.getOrDefault(unitKey, List.of());
  }

  /**
   * Returns {rows read, rows accepted, rows rejected} per metric date of one table; accepted rows
   * are those of files not rejected whole.
   */
  public Map<LocalDate, long[]> countsByDate(String table) {
    Map<LocalDate, long[]> counts = new HashMap<>();
    for (FileSummary summary : summaries) {
      if (!summary.table().equals(table)) {
        continue;
      }
      add(counts, summary);
    }

    return counts;
  }

  /** Returns {rows read, rows accepted, rows rejected} of one unit over all dates. */
  public long[] countsOfUnit(String unitKey) {
    Map<LocalDate, long[]> counts = new HashMap<>();
    for (FileSummary summary : ofUnit(unitKey)) {
      add(counts, summary);
    }
    long[] total = new long[3];
    for (long[] count : counts.values()) {
      for (int i = 0; i < 3; i++) {
        total[i] += count[i];
      }
    }

    return total;
  }

  private void add(Map<LocalDate, long[]> counts, FileSummary summary) {
    boolean failed = summary.failed();
    summary
        .rowsByDate()
        .forEach(
            (date, rows) -> {
              long[] count = counts.computeIfAbsent(date, d -> new long[3]);
              count[0] += rows;
              count[failed ? 2 : 1] += rows;
            });
    summary
        .rejectsByDate()
        .forEach(
            (date, rejects) -> {
              long[] count = counts.computeIfAbsent(date, d -> new long[3]);
              count[0] += rejects;
              count[2] += rejects;
            });
    if (failed && summary.linesProduced() == 0) {
      long[] count = counts.computeIfAbsent(null, d -> new long[3]);
      count[0]++;
      count[2]++;
    }
  }
}
