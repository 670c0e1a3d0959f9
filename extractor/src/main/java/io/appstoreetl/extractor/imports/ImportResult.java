package io.appstoreetl.extractor.imports;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.SortedSet;

/**
 * The outcome of importing one file: the unit it landed as, or why it was rejected.
 *
 * @param unitKey the landed unit folder key, or {@code null} when rejected
 * @param layout the header layout's label, or {@code null} when the header was not read
 * @param error the rejection reason, or {@code null} when landed
 */
public record ImportResult(
    Path file,
    String unitKey,
    String granularity,
    SortedSet<LocalDate> metricDates,
    long rowCount,
    String layout,
    String error) {
  public boolean landed() {
    return error == null;
  }
}
