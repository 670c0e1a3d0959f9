package io.appstoreetl.extractor.ads;

import io.appstoreetl.extractor.raw.AttemptIds;
import java.time.LocalDate;

/** The Apple Ads part of a run, as {@link io.appstoreetl.extractor.ExtractRun} starts it. */
@FunctionalInterface
public interface AppleAdsStep {
  /** Lands the Apple Ads units for {@code runDate}; failures are in the result. */
  AppleAdsResult run(String runId, AttemptIds attemptIds, LocalDate runDate);
}
