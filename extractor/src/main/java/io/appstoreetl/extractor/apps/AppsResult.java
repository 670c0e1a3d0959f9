package io.appstoreetl.extractor.apps;

import java.util.List;

/**
 * Outcome of listing the apps the key can see.
 *
 * @param status {@code complete} when the listing landed, {@code failed} on an error
 * @param appIds the listed apps' Apple ids, in Apple's order; empty on failure
 * @param message the error of a failed listing, else null
 */
public record AppsResult(
    String status, List<String> appIds, int pages, String unitKey, String message) {
  public static final String COMPLETE = "complete";
  public static final String FAILED = "failed";

  public boolean failed() {
    return FAILED.equals(status);
  }
}
