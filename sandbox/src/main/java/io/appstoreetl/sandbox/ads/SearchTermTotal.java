package io.appstoreetl.sandbox.ads;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One row of the {@code search_terms} table as curation must produce it from the sandbox's Apple
 * Ads reports: the sum over every campaign of the app, every ad group and every keyword.
 *
 * @param appAppleId the campaigns' app ({@code promotedObjectId})
 * @param metricDate the report date, in the ad account's time zone
 * @param searchTerm {@code searchTermText}; null for the undisclosed low-volume row
 * @param searchTermSource {@code searchTermSource} as sent ({@code TARGETED} or {@code AUTO}); null
 *     for the undisclosed row
 * @param country {@code countryOrRegion}; null for the undisclosed row
 * @param undisclosed whether this is the one row per app and day that sums the rows Apple sent
 *     without a term
 * @param installs the sum of {@code tapInstalls}
 * @param spend the sum of {@code localSpend.amount}, scale 2
 * @param currency {@code localSpend.currency}
 */
public record SearchTermTotal(
    String appAppleId,
    LocalDate metricDate,
    String searchTerm,
    String searchTermSource,
    String country,
    boolean undisclosed,
    long impressions,
    long taps,
    long installs,
    BigDecimal spend,
    String currency) {}
