package io.appstoreetl.sandbox.data;

import java.time.LocalDate;
import java.util.List;
import java.util.SplittableRandom;

/** {@code App Downloads Standard} and {@code Detailed}: one row per combination, with Counts. */
final class DownloadRows extends ReportRows {

  DownloadRows(boolean detailed) {
    super(
        detailed,
        1,
        "Date",
        "App Name",
        "App Apple Identifier",
        "Download Type",
        "App Version",
        "Device",
        "Platform Version",
        "Source Type",
        "D:Source Info",
        "D:Campaign",
        "Page Type",
        "D:Page Title",
        "Pre-Order",
        "Territory",
        "Counts");
  }

  @Override
  void fillDimensions(
      SplittableRandom random, SandboxApp app, LocalDate metricDate, List<String> row) {
    row.add(Glossary.DOWNLOAD_TYPES.pick(random));
    row.add(Glossary.pickVersion(random, app));
    row.add(Glossary.DEVICES.pick(random));
    row.add(Glossary.PLATFORM_VERSIONS.pick(random));
    addSourceType(random, Glossary.DOWNLOAD_SOURCE_TYPES, row);
    addPageType(random, Glossary.DOWNLOAD_PAGE_TYPES, row);
    // NOTE: Apple documents Pre-Order as a flag but not its spelling, so the sandbox leaves it
    // empty, as the public fixtures of other clients do.
    row.add("");
    row.add(Glossary.TERRITORIES.pick(random));
  }

  @Override
  void fillMetrics(SplittableRandom random, SandboxApp app, List<String> row, int scale) {
    // StrictMath, unlike Math, gives the same result on every JVM, so the data never depends on
    // which intrinsics the JIT uses.
    long counts = minimumCount() + (long) (StrictMath.pow(random.nextDouble(), 3) * 300);
    row.add(Long.toString(counts * scale));
  }

  @Override
  void restateMetrics(SplittableRandom random, String[] row) {
    int counts = row.length - 1;
    row[counts] = Long.toString(Long.parseLong(row[counts]) + 1 + random.nextInt(5));
  }
}
