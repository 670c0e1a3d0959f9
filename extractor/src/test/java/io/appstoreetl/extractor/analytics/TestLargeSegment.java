package io.appstoreetl.extractor.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lands a 64 MiB segment (about 300 MB of text) in a JVM whose heap is capped at 32 MiB: the
 * download, its MD5 and the row scan must all stream.
 */
class TestLargeSegment {
  private static final int SEGMENT_MIB = 64;
  private static final String MAX_HEAP = "-Xmx32m";

  @TempDir Path work;

  @Test
  void largeSegmentLandsWithSmallHeap() throws IOException, InterruptedException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Path log = work.resolve("child.log");
    Process child =
        new ProcessBuilder(
                List.of(
                    java.toString(),
                    MAX_HEAP,
                    "-cp",
                    System.getProperty("java.class.path"),
                    LargeSegmentLanding.class.getName(),
                    work.toString(),
                    Integer.toString(SEGMENT_MIB)))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    boolean finished = child.waitFor(60, TimeUnit.SECONDS);
    if (!finished) {
      child.destroyForcibly();
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);

    assertThat(finished).as("child finished within 60 s: %s", tail(output)).isTrue();
    assertThat(child.exitValue()).as(tail(output)).isZero();
    String result =
        output.lines().filter(line -> line.startsWith("landed=")).findFirst().orElse("");
    assertThat(result).matches("landed=1 rows=[0-9]+ bytes=[0-9]+ peak_heap_mib=[0-9]+");
    long bytes = Long.parseLong(result.replaceAll(".* bytes=([0-9]+) .*", "$1"));
    long peakHeapMib = Long.parseLong(result.replaceAll(".*peak_heap_mib=([0-9]+)", "$1"));
    assertThat(bytes).isGreaterThanOrEqualTo(SEGMENT_MIB * 1024L * 1024L);
    assertThat(peakHeapMib).as("peak heap, in MiB").isLessThanOrEqualTo(32);
  }

  private static String tail(String output) {
    return output.length() > 2000 ? output.substring(output.length() - 2000) : output;
  }
}
