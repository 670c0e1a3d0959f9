package io.appstoreetl.sandbox.data;

import java.time.LocalDate;
import java.util.List;
import java.util.SplittableRandom;

/**
 * {@code App Store Installation and Deletion Standard} and {@code Detailed}: installs and deletions
 * per combination, with Counts and at most as many Unique Devices.
 */
final class InstallRows extends ReportRows {

  InstallRows(boolean detailed) {
    super(
        detailed,
        2,
        "Date",
        "App Name",
        "App Apple Identifier",
        "Event",
        "Download Type",
        "App Version",
        "Device",
        "Platform Version",
        "Source Type",
        "D:Source Info",
        "D:Campaign",
        "Page Type",
        "D:Page Title",
        "App Download Date",
        "Territory",
        "Counts",
        "Unique Devices");
  }

  @Override
  void fillDimensions(
      SplittableRandom random, SandboxApp app, LocalDate metricDate, List<String> row) {
    row.add(Glossary.INSTALL_EVENTS.pick(random));
    row.add(Glossary.INSTALL_DOWNLOAD_TYPES.pick(random));
    row.add(Glossary.pickVersion(random, app));
    row.add(Glossary.DEVICES.pick(random));
    row.add(Glossary.PLATFORM_VERSIONS.pick(random));
    addSourceType(random, Glossary.DOWNLOAD_SOURCE_TYPES, row);
    addPageType(random, Glossary.DOWNLOAD_PAGE_TYPES, row);
    row.add(Glossary.appDownloadDate(random, metricDate));
    row.add(Glossary.TERRITORIES.pick(random));
  }

  @Override
  void fillMetrics(SplittableRandom random, SandboxApp app, List<String> row, int scale) {
    long counts = minimumCount() + (long) (StrictMath.pow(random.nextDouble(), 3) * 250);
    long devices = Math.max(minimumCount(), counts - random.nextLong(counts / 5 + 1));
    row.add(Long.toString(counts * scale));
    row.add(Long.toString(devices * scale));
  }

  @Override
  void restateMetrics(SplittableRandom random, String[] row) {
    int countsIndex = row.length - 2;
    int devicesIndex = row.length - 1;
    int increase = 1 + random.nextInt(6);
    row[countsIndex] = Long.toString(Long.parseLong(row[countsIndex]) + increase);
    row[devicesIndex] =
        Long.toString(Long.parseLong(row[devicesIndex]) + random.nextInt(increase + 1));
  }
}
