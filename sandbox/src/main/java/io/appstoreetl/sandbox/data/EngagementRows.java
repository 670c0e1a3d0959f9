package io.appstoreetl.sandbox.data;

import java.time.LocalDate;
import java.util.List;
import java.util.SplittableRandom;

/**
 * {@code App Store Discovery and Engagement Standard} and {@code Detailed}: one row per event
 * combination, with Counts and Unique Counts.
 */
final class EngagementRows extends ReportRows {

  EngagementRows(boolean detailed) {
    super(
        detailed,
        2,
        "Date",
        "App Name",
        "App Apple Identifier",
        "Event",
        "Page Type",
        "D:Page Title",
        "Source Type",
        "D:Source Info",
        "D:Campaign",
        "Engagement Type",
        "Device",
        "Platform Version",
        "Territory",
        "Counts",
        "Unique Counts");
  }

  @Override
  void fillDimensions(
      SplittableRandom random, SandboxApp app, LocalDate metricDate, List<String> row) {
    String event = Glossary.EVENTS.pick(random);
    row.add(event);
    addPageType(random, Glossary.ENGAGEMENT_PAGE_TYPES, row);
    addSourceType(random, Glossary.ENGAGEMENT_SOURCE_TYPES, row);
    // Only taps carry an engagement type, so impressions and page views leave it empty.
    row.add(event.equals("Tap") ? Glossary.ENGAGEMENT_TYPES.pick(random) : "");
    row.add(Glossary.DEVICES.pick(random));
    row.add(Glossary.PLATFORM_VERSIONS.pick(random));
    row.add(Glossary.TERRITORIES.pick(random));
  }

  @Override
  void fillMetrics(SplittableRandom random, SandboxApp app, List<String> row, int scale) {
    String event = row.get(3);
    double range =
        switch (event) {
          case "Impression" -> 2000;
          case "Page view" -> 400;
          default -> 100;
        };
    long counts = minimumCount() + (long) (StrictMath.pow(random.nextDouble(), 2) * range);
    long uniqueCounts = Math.max(minimumCount(), counts - random.nextLong(counts / 4 + 1));
    row.add(Long.toString(counts * scale));
    row.add(Long.toString(uniqueCounts * scale));
  }

  @Override
  void restateMetrics(SplittableRandom random, String[] row) {
    int countsIndex = row.length - 2;
    int uniqueIndex = row.length - 1;
    int increase = 1 + random.nextInt(20);
    row[countsIndex] = Long.toString(Long.parseLong(row[countsIndex]) + increase);
    row[uniqueIndex] =
        Long.toString(Long.parseLong(row[uniqueIndex]) + random.nextInt(increase + 1));
  }
}
