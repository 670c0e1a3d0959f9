package io.appstoreetl.curation.load;

import io.appstoreetl.curation.parse.RejectedLine;
import io.appstoreetl.curation.rows.ParseOutcome;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts of parsed rows and rejects per table and metric date, with the first rejects kept as
 * examples. Built per partition and merged, so only counts and at most {@value
 * #MAX_REJECT_EXAMPLES} rejects reach the driver.
 */
public final class OutcomeTally implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Rejects kept for the log; the rest are only counted. */
  static final int MAX_REJECT_EXAMPLES = 20;

  /** A table and a metric date; the date is null for rejects whose date could not be read. */
  public record Key(String table, LocalDate metricDate) implements Serializable {}

  private final Map<Key, long[]> counts = new HashMap<>(); // {rows, rejects}
  private final List<RejectedLine> rejectExamples = new ArrayList<>();

  public OutcomeTally add(ParseOutcome outcome) {
    long[] pair =
        counts.computeIfAbsent(new Key(outcome.table(), outcome.metricDate()), key -> new long[2]);
    if (outcome.isRejected()) {
      pair[1]++;
      if (rejectExamples.size() < MAX_REJECT_EXAMPLES) {
        rejectExamples.add(outcome.reject());
      }
    } else {
      pair[0]++;
    }

    return this;
  }

  public OutcomeTally merge(OutcomeTally other) {
    other.counts.forEach(
        (key, pair) -> {
          long[] mine = counts.computeIfAbsent(key, k -> new long[2]);
          mine[0] += pair[0];
          mine[1] += pair[1];
        });
    for (RejectedLine reject : other.rejectExamples) {
      if (rejectExamples.size() < MAX_REJECT_EXAMPLES) {
        rejectExamples.add(reject);
      }
    }

    return this;
  }

  public long rows(String table, LocalDate metricDate) {
    long[] pair = counts.get(new Key(table, metricDate));
    return pair == null ? 0 : pair[0];
  }

  public long rejects(String table, LocalDate metricDate) {
    long[] pair = counts.get(new Key(table, metricDate));
    return pair == null ? 0 : pair[1];
  }

  /** Returns the number of rejects of all tables and dates. */
  public long totalRejects() {
    return counts.values().stream().mapToLong(pair -> pair[1]).sum();
  }

  /** Returns examples of rejects, at most {@value #MAX_REJECT_EXAMPLES}. */
  public List<RejectedLine> rejectExamples() {
    return rejectExamples;
  }
}
