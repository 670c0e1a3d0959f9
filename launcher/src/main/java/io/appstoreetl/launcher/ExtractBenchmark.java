package io.appstoreetl.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import io.appstoreetl.sandbox.SandboxConfig;
import io.appstoreetl.sandbox.SandboxServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The extractor benchmark behind {@code bench/extract.sh}: one day of the full report set for 92
 * apps against the sandbox, with 100 ms added to every API response and Apple's 3,600 requests per
 * hour, once with one worker and once with the default concurrency; then one 1 GiB segment landed
 * with a 256 MiB heap.
 *
 * <p>Each run gets a new sandbox, so the rolling-hour budget starts full for both. Prints the
 * figures as {@code name=value} lines at the end.
 */
public final class ExtractBenchmark {

  private static final LocalDate DATE = LocalDate.of(2025, 6, 10);
  private static final long ONE_GIB = 1L << 30;
  private static final Pattern MEMORY_LINE =
      Pattern.compile("peak_heap_mib=(-?[0-9]+) peak_rss_mib=(-?[0-9]+)");

  private ExtractBenchmark() {}

  public static void main(String[] args) throws IOException {
    int apps = args.length > 0 ? Integer.parseInt(args[0]) : 92;
    Path work = Files.createTempDirectory("appstore-etl-bench-");
    try {
      run(apps, work);
    } finally {
      deleteTree(work);
    }
  }

  private static void run(int apps, Path work) throws IOException {
    UnaryOperator<SandboxConfig.Builder> slowApple =
        builder ->
            builder
                .apiResponseDelay(Duration.ofMillis(100))
                .rateLimitPerHour(3600)
                .rateLimitPerMinute(0);

    Run sequential =
        extract(work.resolve("sequential"), apps, slowApple, List.of("--threads", "1"));
    System.err.printf(
        "Sequential: %.1f s, %d API calls, peak %d requests per minute%n",
        sequential.seconds(), sequential.apiCalls(), sequential.peakPerMinute());
    Run parallel = extract(work.resolve("parallel"), apps, slowApple, List.of());
    System.err.printf(
        "Default concurrency: %.1f s, %d API calls, peak %d requests per minute%n",
        parallel.seconds(), parallel.apiCalls(), parallel.peakPerMinute());

    String heapMib = "not-run";
    String rssMib = "not-run";
    long freeBytes = Files.getFileStore(work).getUsableSpace();
    if (freeBytes < ONE_GIB + ONE_GIB / 4) {
      System.err.printf(
          "Skipping the 1 GiB segment: it needs about 1.25 GiB of free disk in %s, %d MiB free%n",
          work, freeBytes >> 20);
    } else {
      Run huge =
          extract(
              work.resolve("huge"),
              1,
              builder -> builder.hugeSegmentBytes(ONE_GIB),
              List.of("--sources", "analytics"),
              List.of("-Xmx256m", "-Dappstore.etl.memory-report=true"));
      Matcher memory = MEMORY_LINE.matcher(huge.stderr());
      if (huge.exitCode() == 0 && memory.find()) {
        heapMib = memory.group(1);
        rssMib = memory.group(2);
      } else {
        heapMib = "failed";
        rssMib = "failed";
        System.err.println("The 1 GiB segment run failed with exit code " + huge.exitCode());
      }
      System.err.printf("1 GiB segment: %.1f s%n", huge.seconds());
      deleteTree(work.resolve("huge"));
    }

    System.out.printf(
        Locale.ROOT, "api_calls_per_app_day=%.1f%n", (double) parallel.apiCalls() / apps);
    System.out.printf(
        Locale.ROOT, "speedup_vs_sequential=%.1f%n", sequential.seconds() / parallel.seconds());
    System.out.printf("peak_requests_per_minute=%d%n", parallel.peakPerMinute());
    System.out.printf("segment_1gib_peak_heap_mib=%s%n", heapMib);
    System.out.printf("segment_1gib_peak_rss_mib=%s%n", rssMib);
  }

  private record Run(
      int exitCode, double seconds, long apiCalls, int peakPerMinute, String stderr) {}

  private static Run extract(
      Path directory,
      int apps,
      UnaryOperator<SandboxConfig.Builder> sandboxSettings,
      List<String> extraArguments)
      throws IOException {
    return extract(directory, apps, sandboxSettings, extraArguments, List.of("-Xmx512m"));
  }

  private static Run extract(
      Path directory,
      int apps,
      UnaryOperator<SandboxConfig.Builder> sandboxSettings,
      List<String> extraArguments,
      List<String> jvmOptions)
      throws IOException {
    Lake lake = new Lake(directory);
    SandboxLake sandboxLake = new SandboxLake(lake);
    // History starts on the benchmark's day, so each report has exactly that day's instance.
    SandboxLake.Settings settings = sandboxLake.settings(42, apps, DATE);
    settings = new SandboxLake.Settings(settings.seed(), apps, DATE, settings.issuerId());
    Path summaryFile = directory.resolve("summary.json");
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    ProcessRunner runner =
        new ProcessRunner(
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(stderr, true, StandardCharsets.UTF_8));

    try (SandboxServer server = sandboxLake.start(settings, DATE.plusDays(1), sandboxSettings)) {
      Map<String, String> environment = new HashMap<>();
      environment.put("ASC_ISSUER_ID", settings.issuerId());
      environment.put("ASC_KEY_ID", SandboxLake.KEY_ID);
      environment.put("ASC_P8_PATH", sandboxLake.privateKeyFile().toString());
      environment.put("APPLE_VENDOR_NUMBER", server.config().vendorNumber());
      environment.put("APP_IDS", String.join(",", server.config().appIds()));
      List<String> arguments = new ArrayList<>();
      arguments.addAll(
          List.of(
              "extract",
              "--sandbox",
              "--api-base-url",
              server.baseUrl(),
              "--raw-root",
              lake.raw().toString(),
              "--date",
              DATE.toString(),
              "--summary-file",
              summaryFile.toString()));
      arguments.addAll(extraArguments);

      long started = System.nanoTime();
      ProcessRunner.Result result =
          new ExtractorRunner(EtlHome.locate(), runner, jvmOptions)
              .run(lake, arguments, environment);
      double seconds = (System.nanoTime() - started) / 1e9;
      String errors = stderr.toString(StandardCharsets.UTF_8);
      if (!Files.exists(summaryFile)) {
        System.err.print(errors);
        throw new IllegalStateException(
            "The extractor wrote no summary, exit code " + result.exitCode());
      }
      JsonNode summary = DailyCommand.readJson(summaryFile);
      if (summary.path("errors_total").asInt() > 0) {
        System.err.printf(
            "Warning: the run reported %d errors; see %s%n",
            summary.path("errors_total").asInt(), summaryFile);
      }
      return new Run(
          result.exitCode(),
          seconds,
          summary.path("api_calls").asLong(),
          server.peakRequestsPerMinute(),
          errors);
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
