package io.appstoreetl.curation.load;

import io.appstoreetl.curation.parse.RejectedLine;
import io.appstoreetl.curation.rows.FileSummary;
import io.appstoreetl.curation.rows.ParseOutcome;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The file summaries of one run's parsing, with the first rejects kept as examples. Built per
 * partition and merged, so only one summary per file and at most {@value #MAX_REJECT_EXAMPLES}
 * rejects reach the driver.
 */
public final class OutcomeTally implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Rejects kept for the log; the rest are only counted. */
  static final int MAX_REJECT_EXAMPLES = 20;

  private final List<FileSummary> summaries = new ArrayList<>();
  private final List<RejectedLine> rejectExamples = new ArrayList<>();

  public OutcomeTally add(ParseOutcome outcome) {
    if (outcome.isSummary()) {
      summaries.add(outcome.summary());
    } else if (outcome.isRejected() && rejectExamples.size() < MAX_REJECT_EXAMPLES) {
      rejectExamples.add(outcome.reject());
    }

    return this;
  }

  public OutcomeTally merge(OutcomeTally other) {
    summaries.addAll(other.summaries);
    for (RejectedLine reject : other.rejectExamples) {
      if (rejectExamples.size() < MAX_REJECT_EXAMPLES) {
        rejectExamples.add(reject);
      }
    }

    return this;
  }

  /** Returns one summary per parsed file. */
  public List<FileSummary> summaries() {
    return summaries;
  }

  /** Returns examples of rejected lines, at most {@value #MAX_REJECT_EXAMPLES}. */
  public List<RejectedLine> rejectExamples() {
    return rejectExamples;
  }
}
