package io.appstoreetl.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.appstoreetl.sandbox.SandboxConfig;
import io.appstoreetl.sandbox.SandboxServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills the extractor and the Spark job with SIGKILL at three points, then runs them again and
 * checks that nothing was lost, duplicated or read half-written:
 *
 * <ol>
 *   <li>the extractor in the middle of a segment's body (the sandbox sends half the body and
 *       stalls);
 *   <li>the extractor after an analytics unit's segments and index entries and before its manifest
 *       (the extractor's test pause, {@code APPSTORE_ETL_TEST_PAUSE_BEFORE_MANIFEST});
 *   <li>the Spark job inside an Iceberg commit of {@code downloads}, after the new table metadata
 *       file is written and before the catalog points at it (the job's test pause, {@code
 *       APPSTORE_ETL_TEST_PAUSE_IN_COMMIT}).
 * </ol>
 *
 * <p>After the reruns, every unit folder has its manifest, every manifest's files are whole, the
 * tables take their rows only from files that manifests list, and {@code downloads}, {@code
 * engagement} and {@code sales} equal the sandbox's ground truth with no row twice.
 */
class CrashRecoveryTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final LocalDate DATE = LocalDate.of(2025, 3, 10);
  private static final int APPS = 2;
  private static final int MIN_ROWS_PER_VARIANT = 50;
  private static final Duration PAUSE_TIMEOUT = Duration.ofMinutes(4);

  @TempDir Path directory;

  private final List<Process> started = new ArrayList<>();

  @AfterEach
  void noChildProcessSurvives() {
    for (Process process : started) {
      process.destroyForcibly();
    }
    assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList())
        .as("child processes still alive after the test")
        .isEmpty();
  }

  @Test
  void killedRunsLoseAndDuplicateNothing() throws Exception {
    Lake lake = new Lake(directory.resolve("lake"));
    SandboxLake sandboxLake = new SandboxLake(lake);
    SandboxLake.Settings settings = sandboxLake.settings(42, APPS, DATE);

    // 1. SIGKILL while a segment's body is half received.
    Set<String> unmanifested;
    try (SandboxServer server = sandboxLake.start(settings, DATE.plusDays(1))) {
      server.faults().stallNextDownloadsMidBody(1);
      Running extractor = startExtractor(lake, sandboxLake, settings, server, Map.of());
      await("a download stalled in mid-body", () -> server.downloadsStalledMidBody() == 1);
      await(
          "a segment file cut short",
          () -> unmanifestedSegmentFiles(lake).stream().anyMatch(f -> !wholeGzip(lake, f)));
      assertThat(killWithSigkill(extractor))
          .as("extractor exit status after SIGKILL")
          .isEqualTo(137);
    }
    unmanifested = unmanifestedSegmentFiles(lake);
    assertThat(unmanifested)
        .as("segment files without a manifest after the kill, one of them cut short")
        .anyMatch(f -> !wholeGzip(lake, f));

    // 2. SIGKILL between an analytics unit's last segment and its manifest.
    Path marker = directory.resolve("pause-before-manifest");
    String pausedUnit;
    try (SandboxServer server = sandboxLake.start(settings, DATE.plusDays(1))) {
      Running extractor =
          startExtractor(
              lake,
              sandboxLake,
              settings,
              server,
              Map.of("APPSTORE_ETL_TEST_PAUSE_BEFORE_MANIFEST", marker.toString()));
      await("the extractor's pause before a manifest", () -> Files.exists(marker));
      pausedUnit = Files.readString(marker);
      assertThat(killWithSigkill(extractor))
          .as("extractor exit status after SIGKILL")
          .isEqualTo(137);
    }
    Path pausedFolder = lake.raw().resolve(pausedUnit);
    assertThat(pausedFolder.resolve("manifest.json"))
        .as("manifest of the paused unit")
        .doesNotExist();
    assertThat(segmentFiles(pausedFolder)).as("segments of the paused unit").isNotEmpty();
    assertThat(indexEntriesNaming(lake, pausedUnit))
        .as("index entries written before the missing manifest")
        .isNotEmpty();

    // 3. The extractor again, to the end.
    try (SandboxServer server = sandboxLake.start(settings, DATE.plusDays(1))) {
      Running extractor = startExtractor(lake, sandboxLake, settings, server, Map.of());
      assertThat(extractor.result().get(5, TimeUnit.MINUTES).exitCode())
          .as("exit code of the extractor's rerun")
          .isZero();
    }
    assertRawZoneComplete(lake, unmanifested);
    assertThat(pausedFolder.resolve("manifest.json")).as("manifest of the paused unit").exists();

    // 4. SIGKILL inside the Iceberg commit of downloads.
    TreeSet<LocalDate> dates = manifestDates(lake);
    List<String> jobArguments = DailyCommand.curationArguments(lake, dates);
    Path commitMarker = directory.resolve("pause-in-commit");
    Running job =
        startCuration(
            lake,
            jobArguments,
            Map.of("APPSTORE_ETL_TEST_PAUSE_IN_COMMIT", commitMarker.toString()));
    await("the Spark job's pause inside a commit", () -> Files.exists(commitMarker));
    Path pendingMetadata = Path.of(java.net.URI.create(Files.readString(commitMarker).strip()));
    assertThat(pendingMetadata).as("table metadata written by the interrupted commit").exists();
    assertThat(killWithSigkill(job)).as("Spark job exit status after SIGKILL").isEqualTo(137);

    // 5. The same curation again.
    assertThat(
            startCuration(lake, jobArguments, Map.of())
                .result()
                .get(10, TimeUnit.MINUTES)
                .exitCode())
        .as("exit code of the curation rerun")
        .isZero();

    String[] tables = {"downloads", "engagement", "sales"};
    Map<String, List<Map<String, JsonNode>>> rows =
        TableRows.readTables(lake.root(), directory.resolve("tables.jsonl"), tables);
    Set<String> manifestFiles = manifestFiles(lake);
    for (String table : tables) {
      List<Map<String, JsonNode>> tableRows = rows.get(table);
      assertThat(tableRows).as("rows of %s", table).isNotEmpty();
      Set<String> sources = new HashSet<>();
      tableRows.forEach(row -> sources.add(row.get("source_file").asText()));
      assertThat(manifestFiles)
          .as("files that manifests list, against the source files of %s", table)
          .containsAll(sources);
      assertThat(sources)
          .as("source files of %s, against the files left without a manifest", table)
          .doesNotContainAnyElementsOf(unmanifested);
      assertThat(duplicateKeys(tableRows)).as("rows of %s that occur twice", table).isEmpty();
    }

    JsonNode stored = JSON.readTree(lake.sandboxDirectory().resolve("sandbox.json").toFile());
    SandboxConfig config =
        SandboxConfig.builder()
            .seed(stored.get("seed").asLong())
            .appCount(stored.get("app_count").asInt())
            .historyStart(LocalDate.parse(stored.get("history_start").asText()))
            .today(DATE.plusDays(1))
            .build();
    try (SandboxServer truthServer = SandboxServer.start(config)) {
      DailySandboxEndToEndTest.assertAnalyticsEqualGroundTruth(
          truthServer.groundTruth(),
          config,
          rows.get("downloads"),
          "App Downloads",
          MIN_ROWS_PER_VARIANT);
      DailySandboxEndToEndTest.assertAnalyticsEqualGroundTruth(
          truthServer.groundTruth(),
          config,
          rows.get("engagement"),
          "App Store Discovery and Engagement",
          MIN_ROWS_PER_VARIANT);
      DailySandboxEndToEndTest.assertSalesEqualGroundTruth(
          truthServer.groundTruth(), rows.get("sales"), DATE, DATE);
    }
  }

  /** A child process started in the background and its outcome. */
  private record Running(
      AtomicReference<Process> process, CompletableFuture<ProcessRunner.Result> result) {}

  private Running startExtractor(
      Lake lake,
      SandboxLake sandboxLake,
      SandboxLake.Settings settings,
      SandboxServer server,
      Map<String, String> extraEnvironment) {
    Map<String, String> environment =
        new HashMap<>(sandboxLake.extractorEnvironment(settings, server));
    environment.putAll(extraEnvironment);
    List<String> arguments =
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
            directory.resolve("summary-" + System.nanoTime() + ".json").toString());
    AtomicReference<Process> process = new AtomicReference<>();
    ProcessRunner runner = new ProcessRunner(System.out, System.err, remember(process));
    CompletableFuture<ProcessRunner.Result> result =
        CompletableFuture.supplyAsync(
            () -> new ExtractorRunner(EtlHome.locate(), runner).run(lake, arguments, environment));
    return new Running(process, result);
  }

  private Running startCuration(
      Lake lake, List<String> jobArguments, Map<String, String> environment) {
    AtomicReference<Process> process = new AtomicReference<>();
    ProcessRunner runner = new ProcessRunner(System.out, System.err, remember(process));
    CompletableFuture<ProcessRunner.Result> result =
        CompletableFuture.supplyAsync(
            () ->
                new SparkJobRunner(EtlHome.locate(), runner, "local[2]", environment)
                    .run(SparkJobRunner.CURATION_JOB, lake, new ArrayList<>(jobArguments)));
    return new Running(process, result);
  }

  private Consumer<Process> remember(AtomicReference<Process> holder) {
    return process -> {
      synchronized (started) {
        started.add(process);
      }
      holder.set(process);
    };
  }

  /** Sends SIGKILL with {@code kill -9 <pid>} and returns the exit status the JDK reports. */
  private static int killWithSigkill(Running running) throws Exception {
    Process process = running.process().get();
    assertThat(process).as("started process").isNotNull();
    assertThat(process.isAlive()).as("process %d alive before the kill", process.pid()).isTrue();
    Process kill = new ProcessBuilder("kill", "-9", Long.toString(process.pid())).start();
    assertThat(kill.waitFor()).as("kill -9 %d", process.pid()).isZero();
    int status = running.result().get(1, TimeUnit.MINUTES).exitCode();
    assertThat(process.isAlive()).as("process %d alive after SIGKILL", process.pid()).isFalse();
    return status;
  }

  private static void await(String what, BooleanSupplier check) throws Exception {
    long deadline = System.nanoTime() + PAUSE_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (check.getAsBoolean()) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("Timed out after " + PAUSE_TIMEOUT + " waiting for " + what);
  }

  /** Returns whether the raw-zone file is a gzip stream that decodes to its end. */
  private static boolean wholeGzip(Lake lake, String key) {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(lake.raw().resolve(key)))) {
      in.transferTo(OutputStream.nullOutputStream());
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** Returns the analytics segment files, relative to the raw root, in folders without manifest. */
  private static Set<String> unmanifestedSegmentFiles(Lake lake) {
    Set<String> files = new TreeSet<>();
    for (Path folder : analyticsUnitFolders(lake)) {
      if (!Files.exists(folder.resolve("manifest.json"))) {
        for (Path file : segmentFiles(folder)) {
          files.add(lake.raw().relativize(file).toString());
        }
      }
    }
    return files;
  }

  private static List<Path> analyticsUnitFolders(Lake lake) {
    Path root = lake.raw().resolve("source=analytics");
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> paths = Files.walk(root)) {
      return paths
          .filter(Files::isDirectory)
          .filter(path -> path.getFileName().toString().startsWith("instance_id="))
          .toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  private static List<Path> segmentFiles(Path folder) {
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(f -> f.getFileName().toString().startsWith("segment=")).toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  private static List<Path> indexEntriesNaming(Lake lake, String unitKey) throws IOException {
    Path index = lake.raw().resolve("index");
    try (Stream<Path> files = Files.walk(index)) {
      return files
          .filter(Files::isRegularFile)
          .filter(
              file -> {
                try {
                  return JSON.readTree(file.toFile()).path("unit").asText().equals(unitKey);
                } catch (IOException e) {
                  return false;
                }
              })
          .toList();
    }
  }

  /**
   * Checks that every analytics unit folder has a manifest and that every listed file has its
   * listed size and MD5. No file that a killed run left without a manifest may be listed.
   */
  private static void assertRawZoneComplete(Lake lake, Set<String> leftBehind) throws Exception {
    List<Path> units = analyticsUnitFolders(lake);
    assertThat(units).as("analytics unit folders").isNotEmpty();
    for (Path unit : units) {
      assertThat(unit.resolve("manifest.json")).as("manifest of %s", unit).exists();
    }
    Set<String> listed = manifestFiles(lake);
    assertThat(listed).as("files that manifests list").doesNotContainAnyElementsOf(leftBehind);
    for (Path manifestFile : manifests(lake)) {
      JsonNode manifest = JSON.readTree(manifestFile.toFile());
      for (JsonNode file : manifest.path("files")) {
        Path path = manifestFile.resolveSibling(file.path("path").asText());
        assertThat(Files.size(path))
            .as("size of %s", path)
            .isEqualTo(file.path("size_bytes").asLong());
        assertThat(md5(path)).as("MD5 of %s", path).isEqualTo(file.path("md5").asText());
      }
    }
  }

  private static List<Path> manifests(Lake lake) throws IOException {
    try (Stream<Path> paths = Files.walk(lake.raw())) {
      return paths.filter(p -> p.getFileName().toString().equals("manifest.json")).toList();
    }
  }

  /** Returns the raw-zone keys of every file that a manifest lists. */
  private static Set<String> manifestFiles(Lake lake) throws IOException {
    Set<String> files = new HashSet<>();
    for (Path manifest : manifests(lake)) {
      for (JsonNode file : JSON.readTree(manifest.toFile()).path("files")) {
        files.add(
            lake.raw().relativize(manifest.resolveSibling(file.path("path").asText())).toString());
      }
    }
    return files;
  }

  /** Returns every metric date and sales report date that a manifest names. */
  private static TreeSet<LocalDate> manifestDates(Lake lake) throws IOException {
    TreeSet<LocalDate> dates = new TreeSet<>();
    for (Path manifest : manifests(lake)) {
      JsonNode node = JSON.readTree(manifest.toFile());
      node.path("metric_dates").forEach(date -> dates.add(LocalDate.parse(date.asText())));
      if (node.path("report_date").isTextual()) {
        dates.add(LocalDate.parse(node.path("report_date").asText()));
      }
    }
    dates.add(DATE);
    return dates;
  }

  /** Returns the rows whose values, lineage columns left out, occur more than once. */
  private static List<String> duplicateKeys(List<Map<String, JsonNode>> rows) {
    Map<String, Integer> counts = new HashMap<>();
    for (Map<String, JsonNode> row : rows) {
      Map<String, JsonNode> key = new java.util.TreeMap<>(row);
      key.keySet().removeAll(List.of("loaded_at", "source_file", "processing_date"));
      counts.merge(key.toString(), 1, Integer::sum);
    }
    return counts.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList();
  }

  private static String md5(Path file) throws Exception {
    MessageDigest digest = MessageDigest.getInstance("MD5");
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buffer = new byte[8192];
      int read;
      while ((read = in.read(buffer)) >= 0) {
        digest.update(buffer, 0, read);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }
}
