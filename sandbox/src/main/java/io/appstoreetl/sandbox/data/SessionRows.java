package io.appstoreetl.sandbox.data;

import java.time.LocalDate;
import java.util.List;
import java.util.SplittableRandom;

/**
 * {@code App Sessions Standard} and {@code Detailed}: Sessions, Total Session Duration (seconds)
 * and Unique Devices per combination, with at most as many devices as sessions.
 */
final class SessionRows extends ReportRows {

  SessionRows(boolean detailed) {
    super(
        detailed,
        3,
        "Date",
        "App Name",
        "App Apple Identifier",
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
        "Sessions",
        "Total Session Duration",
        "Unique Devices");
  }

  @Override
  void fillDimensions(
      SplittableRandom random, SandboxApp app, LocalDate metricDate, List<String> row) {
    row.add(Glossary.pickVersion(random, app));
    row.add(Glossary.DEVICES.pick(random));
    row.add(Glossary.PLATFORM_VERSIONS.pick(random));
    addSourceType(random, Glossary.SESSION_SOURCE_TYPES, row);
    addPageType(random, Glossary.SESSION_PAGE_TYPES, row);
    row.add(Glossary.appDownloadDate(random, metricDate));
    row.add(Glossary.TERRITORIES.pick(random));
  }

  @Override
  void fillMetrics(SplittableRandom random, SandboxApp app, List<String> row, int scale) {
    long devices = minimumCount() + (long) (StrictMath.pow(random.nextDouble(), 2) * 200);
    long sessions = devices + random.nextLong(devices * 3 + 1);
    long secondsPerSession = 30 + random.nextInt(570);
    row.add(Long.toString(sessions * scale));
    row.add(Long.toString(sessions * secondsPerSession * scale));
    row.add(Long.toString(devices * scale));
  }

  @Override
  void restateMetrics(SplittableRandom random, String[] row) {
    int sessionsIndex = row.length - 3;
    int durationIndex = row.length - 2;
    int devicesIndex = row.length - 1;
    int moreSessions = 1 + random.nextInt(10);
    row[sessionsIndex] = Long.toString(Long.parseLong(row[sessionsIndex]) + moreSessions);
    row[durationIndex] =
        Long.toString(
            Long.parseLong(row[durationIndex]) + moreSessions * (30L + random.nextInt(570)));
    row[devicesIndex] =
        Long.toString(Long.parseLong(row[devicesIndex]) + random.nextInt(moreSessions + 1));
  }
}
