package io.appstoreetl.extractor.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Prints the process's peak heap and peak resident memory when it ends, for the memory benchmark.
 * Switched on by the system property {@value #PROPERTY}.
 *
 * <p>Peak heap is the sum of the heap pools' peak usage since the JVM started; peak resident memory
 * is {@code VmHWM} from {@code /proc/self/status} (Linux only; -1 elsewhere).
 */
final class MemoryReport {

  static final String PROPERTY = "appstore.etl.memory-report";

  private MemoryReport() {}

  static boolean enabled() {
    return Boolean.getBoolean(PROPERTY);
  }

  static String line() {
    long peakHeapBytes = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
        peakHeapBytes += pool.getPeakUsage().getUsed();
      }
    }
    return "peak_heap_mib=" + peakHeapBytes / (1024 * 1024) + " peak_rss_mib=" + peakRssMib();
  }

  private static long peakRssMib() {
    try {
      List<String> lines = Files.readAllLines(Path.of("/proc/self/status"));
      for (String line : lines) {
        if (line.startsWith("VmHWM:")) {
          long kib = Long.parseLong(line.replaceAll("[^0-9]", ""));
          return kib / 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }
}
