package io.appstoreetl.sandbox.data;

import java.time.LocalDate;
import java.util.List;
import java.util.SplittableRandom;

/**
 * {@code App Crashes}, which has one level only: Crashes and at most as many Unique Devices per app
 * version, device and platform version. Its three dimensions allow 30 combinations per app and day
 * at most.
 */
final class CrashRows extends ReportRows {

  CrashRows() {
    super(
        false,
        2,
        "Date",
        "App Name",
        "App Apple Identifier",
        "App Version",
        "Device",
        "Platform Version",
        "Crashes",
        "Unique Devices");
  }

  @Override
  void fillDimensions(
      SplittableRandom random, SandboxApp app, LocalDate metricDate, List<String> row) {
    row.add(Glossary.pickVersion(random, app));
    row.add(Glossary.DEVICES.pick(random));
    row.add(Glossary.PLATFORM_VERSIONS.pick(random));
  }

  @Override
  void fillMetrics(SplittableRandom random, SandboxApp app, List<String> row, int scale) {
    long crashes = 1 + (long) (StrictMath.pow(random.nextDouble(), 3) * 60);
    long devices = Math.max(1, crashes - random.nextLong(crashes / 2 + 1));
    row.add(Long.toString(crashes * scale));
    row.add(Long.toString(devices * scale));
  }

  @Override
  void restateMetrics(SplittableRandom random, String[] row) {
    int crashesIndex = row.length - 2;
    int devicesIndex = row.length - 1;
    int increase = 1 + random.nextInt(3);
    row[crashesIndex] = Long.toString(Long.parseLong(row[crashesIndex]) + increase);
    row[devicesIndex] =
        Long.toString(Long.parseLong(row[devicesIndex]) + random.nextInt(increase + 1));
  }
}
