package io.appstoreetl.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.appstoreetl.sandbox.GroundTruth;
import io.appstoreetl.sandbox.RetryAfterFormat;
import io.appstoreetl.sandbox.SandboxConfig;
import io.appstoreetl.sandbox.SandboxFaults;
import io.appstoreetl.sandbox.SandboxServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;
import picocli.CommandLine;

/**
 * The soak run behind {@code bench/soak.sh}: the daily job on consecutive simulated days against
 * the sandbox, with faults switched on at random (seeded) every day, then a row-by-row comparison
 * of the tables with the sandbox's ground truth.
 *
 * <p>Each day gets a new sandbox with the lake's stored settings, as cron would start the job once
 * a day, and a few of the sandbox's counted fault switches, drawn from a seeded {@link Random}:
 * server errors, throttling, revoked tokens, expired URLs, corrupt, truncated or HTML downloads,
 * and malformed JSON. A unit that a fault stops gets no manifest and is landed by a later day's
 * run. After the last day, the last day runs once more with no fault, as an operator reruns a
 * failed job, so that the units the last faulty run left out land too.
 *
 * <p>Arguments, all optional: {@code [days] [apps] [seed] [work folder]}, defaults 30, 92, 7 and a
 * new temporary folder. Prints one line per day on stderr, and as its last line on stdout {@code
 * soak_days=<days> apps=<apps> mismatched_rows=<n>}.
 */
public final class SoakRun {

  static final LocalDate FIRST_DAY = LocalDate.of(2025, 4, 1);

  /**
   * The hourly API budget of each day's sandbox. A simulated day lasts minutes, not a day, and the
   * first day also lands the sandbox's history. With Apple's 3,600 calls per hour, the first day of
   * 92 apps would wait most of an hour for its budget. Rate limiting is still tested, because the
   * random faults include 429 responses.
   */
  static final int SOAK_RATE_LIMIT_PER_HOUR = 100_000;

  /** Analytics tables compared with the ground truth, with their report's name without variant. */
  private static final Map<String, String> ANALYTICS_TABLES =
      Map.of(
          "downloads", "App Downloads",
          "engagement", "App Store Discovery and Engagement",
          "sessions", "App Sessions",
          "installs_deletions", "App Store Installation and Deletion",
          "purchases", "App Store Purchases");

  private static final Map<String, String> COLUMN_FOR_HEADER =
      Map.of(
          "Date", "metric_date",
          "App Apple Identifier", "app_apple_id",
          "Content Apple Identifier", "content_apple_id");
  private static final DateTimeFormatter US_DATE = DateTimeFormatter.ofPattern("MM/dd/yyyy");
  private static final ObjectMapper JSON = new ObjectMapper();

  private SoakRun() {}

  public static void main(String[] args) throws IOException {
    int days = args.length > 0 ? Integer.parseInt(args[0]) : 30;
    int apps = args.length > 1 ? Integer.parseInt(args[1]) : 92;
    long seed = args.length > 2 ? Long.parseLong(args[2]) : 7;
    boolean temporary = args.length <= 3;
    Path work =
        temporary
            ? Files.createTempDirectory("appstore-etl-soak-")
            : Files.createDirectories(Path.of(args[3]));
    long mismatched;
    try {
      mismatched = run(work.resolve("lake"), days, apps, seed, System.err);
    } finally {
      if (temporary) {
        deleteTree(work);
      }
    }
    System.out.printf("soak_days=%d apps=%d mismatched_rows=%d%n", days, apps, mismatched);
  }

  /** Runs the days and returns the number of rows that differ from the ground truth. */
  static long run(Path lake, int days, int apps, long seed, PrintStream log) throws IOException {
    Random random = new Random(seed);
    long started = System.nanoTime();
    int failedDays = 0;
    for (int day = 0; day < days; day++) {
      LocalDate date = FIRST_DAY.plusDays(day);
      List<String> faults = new ArrayList<>();
      Consumer<SandboxServer> armFaults = server -> faults.addAll(armRandomFaults(server, random));
      long dayStarted = System.nanoTime();
      int exitCode = runDaily(lake, date, apps, armFaults);
      if (exitCode != 0) {
        failedDays++;
      }
      log.printf(
          Locale.ROOT,
          "soak: day %d/%d (%s) exit code %d in %.0f s, faults %s%n",
          day + 1,
          days,
          date,
          exitCode,
          (System.nanoTime() - dayStarted) / 1e9,
          faults);
    }
    LocalDate lastDay = FIRST_DAY.plusDays(days - 1L);
    int rerunExit = runDaily(lake, lastDay, apps, server -> {});
    log.printf("soak: last day rerun without faults, exit code %d%n", rerunExit);
    if (rerunExit != 0) {
      throw new IllegalStateException(
          "The fault-free rerun of " + lastDay + " failed with exit code " + rerunExit);
    }

    long mismatched = compare(lake, lastDay, log);
    log.printf(
        Locale.ROOT,
        "soak: %d days (%d with extractor errors) and the comparison took %.1f min%n",
        days,
        failedDays,
        (System.nanoTime() - started) / 60e9);
    return mismatched;
  }

  /** Arms two to four counted faults and returns their descriptions. */
  static List<String> armRandomFaults(SandboxServer server, Random random) {
    SandboxFaults faults = server.faults();
    List<String> armed = new ArrayList<>();
    int count = 2 + random.nextInt(3);
    for (int i = 0; i < count; i++) {
      int n = 1 + random.nextInt(3);
      switch (random.nextInt(9)) {
        case 0 -> {
          int status = List.of(500, 502, 503, 504).get(random.nextInt(4));
          faults.failNextApiCalls(n, status);
          armed.add(n + "x" + status);
        }
        case 1 -> {
          faults.throttleNextApiCalls(n, RetryAfterFormat.SECONDS, Duration.ofSeconds(1));
          armed.add(n + "x429");
        }
        case 2 -> {
          faults.rejectNextTokens(n);
          armed.add(n + "x401");
        }
        case 3 -> {
          faults.expireNextDownloadUrls(n);
          armed.add(n + "x expired URLs");
        }
        case 4 -> {
          faults.corruptNextDownloads(n);
          armed.add(n + "x corrupt download");
        }
        case 5 -> {
          faults.truncateNextSegments(n);
          armed.add(n + "x truncated segment");
        }
        case 6 -> {
          faults.serveHtmlForNextDownloads(n);
          armed.add(n + "x HTML download");
        }
        case 7 -> {
          faults.malformNextJsonResponses(n);
          armed.add(n + "x malformed JSON");
        }
        default -> {
          faults.mislabelNextJsonResponses(n);
          armed.add(n + "x text/plain JSON");
        }
      }
    }
    return armed;
  }

  private static int runDaily(
      Path lake, LocalDate date, int apps, Consumer<SandboxServer> sandboxStarted) {
    CommandLine commandLine = AppstoreEtl.commandLine(System.err, System.err);
    DailyCommand daily = (DailyCommand) commandLine.getSubcommands().get("daily").getCommand();
    daily.sandboxStarted = sandboxStarted;
    daily.sandboxSettings = builder -> builder.rateLimitPerHour(SOAK_RATE_LIMIT_PER_HOUR);
    return commandLine.execute(
        "daily",
        "--sandbox",
        "--apps",
        String.valueOf(apps),
        "--lake",
        lake.toString(),
        "--date",
        date.toString(),
        "--spark-master",
        "local[2]");
  }

  /**
   * Compares the analytics tables (DAILY rows of every app, variant and metric date) and {@code
   * sales} with the ground truth of a sandbox whose today is the day after {@code lastDay}, and
   * returns the rows that are missing, extra or duplicated. All tables are read with one query.
   */
  static long compare(Path lake, LocalDate lastDay, PrintStream log) throws IOException {
    JsonNode settings = JSON.readTree(lake.resolve("sandbox/sandbox.json").toFile());
    SandboxConfig config =
        SandboxConfig.builder()
            .seed(settings.get("seed").asLong())
            .appCount(settings.get("app_count").asInt())
            .historyStart(LocalDate.parse(settings.get("history_start").asText()))
            .today(lastDay.plusDays(1))
            .build();
    // Expected rows as fingerprints per table and group, and the Apple headers of each group.
    Map<String, Map<String, Map<Long, Integer>>> expected = new TreeMap<>();
    Map<String, List<String>> headers = new HashMap<>();
    try (SandboxServer sandbox = SandboxServer.start(config)) {
      GroundTruth truth = sandbox.groundTruth();
      for (Map.Entry<String, String> table : ANALYTICS_TABLES.entrySet()) {
        Map<String, Map<Long, Integer>> groups = new HashMap<>();
        expected.put(table.getKey(), groups);
        for (String variant : List.of("Standard", "Detailed")) {
          String report = table.getValue() + " " + variant;
          for (String appId : config.appIds()) {
            for (LocalDate date : truth.metricDates()) {
              for (Map<String, String> row : truth.analyticsRows(appId, report, date)) {
                headers.putIfAbsent(table.getKey() + "|" + variant, new ArrayList<>(row.keySet()));
                groups
                    .computeIfAbsent(variant + "|" + appId + "|" + date, k -> new HashMap<>())
                    .merge(fingerprint(row), 1, Integer::sum);
              }
            }
          }
        }
      }
      Map<String, Map<Long, Integer>> sales = new HashMap<>();
      expected.put("sales", sales);
      for (LocalDate date = FIRST_DAY.minusDays(14);
          !date.isAfter(lastDay);
          date = date.plusDays(1)) {
        for (Map<String, String> row : truth.salesRows(date)) {
          headers.putIfAbsent("sales|", new ArrayList<>(row.keySet()));
          sales
              .computeIfAbsent(date.toString(), k -> new HashMap<>())
              .merge(fingerprint(row), 1, Integer::sum);
        }
      }
    }

    Path output = lake.resolveSibling("soak-tables.jsonl");
    StringBuilder sql = new StringBuilder();
    for (String table : expected.keySet()) {
      if (sql.length() > 0) {
        sql.append(" UNION ALL ");
      }
      sql.append("SELECT '")
          .append(table)
          .append("' AS table_name, to_json(struct(*), map('ignoreNullFields', 'false'))")
          .append(" AS row_json FROM appstore.")
          .append(table);
    }
    int exitCode =
        AppstoreEtl.commandLine(System.err, System.err)
            .execute(
                "query",
                "--lake",
                lake.toString(),
                "--format",
                "jsonl",
                "--output",
                output.toString(),
                sql.toString());
    if (exitCode != 0) {
      throw new IllegalStateException("Reading the tables failed: exit code " + exitCode);
    }

    Map<String, long[]> counts = new TreeMap<>(); // expected, compared, extra
    for (Map.Entry<String, Map<String, Map<Long, Integer>>> table : expected.entrySet()) {
      long rows = 0;
      for (Map<Long, Integer> group : table.getValue().values()) {
        for (int count : group.values()) {
          rows += count;
        }
      }
      counts.put(table.getKey(), new long[] {rows, 0, 0});
    }
    try (BufferedReader reader = Files.newBufferedReader(output, StandardCharsets.UTF_8)) {
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode record = JSON.readTree(line);
        String table = record.get("table_name").asText();
        JsonNode row = JSON.readTree(record.get("row_json").asText());
        String group;
        List<String> header;
        if (table.equals("sales")) {
          group = row.path("metric_date").asText();
          header = headers.get("sales|");
        } else {
          if (!"DAILY".equals(row.path("granularity").asText())) {
            continue;
          }
          String variant = row.path("report_variant").asText();
          group =
              variant
                  + "|"
                  + row.path("app_apple_id").asText()
                  + "|"
                  + row.path("metric_date").asText();
          header = headers.get(table + "|" + variant);
        }
        long[] tableCounts = counts.get(table);
        tableCounts[1]++;
        Map<Long, Integer> expectedGroup = expected.get(table).get(group);
        if (header == null || expectedGroup == null) {
          tableCounts[2]++;
          continue;
        }
        Map<String, String> appleRow = new HashMap<>();
        for (String name : header) {
          JsonNode value = row.get(COLUMN_FOR_HEADER.getOrDefault(name, snakeCase(name)));
          appleRow.put(name, value == null || value.isNull() ? "" : value.asText());
        }
        long print = fingerprint(appleRow);
        Integer left = expectedGroup.get(print);
        if (left == null) {
          tableCounts[2]++;
        } else if (left == 1) {
          expectedGroup.remove(print);
        } else {
          expectedGroup.put(print, left - 1);
        }
      }
    }
    Files.deleteIfExists(output);

    long mismatched = 0;
    for (Map.Entry<String, long[]> table : counts.entrySet()) {
      long missing = 0;
      for (Map<Long, Integer> group : expected.get(table.getKey()).values()) {
        for (int count : group.values()) {
          missing += count;
        }
      }
      long[] c = table.getValue();
      log.printf(
          "soak: table %s: %d rows expected, %d compared, %d missing, %d extra or duplicated%n",
          table.getKey(), c[0], c[1], missing, c[2]);
      mismatched += missing + c[2];
    }
    return mismatched;
  }

  /** Returns a 64-bit fingerprint of the row's normalised values, independent of column order. */
  static long fingerprint(Map<String, String> row) {
    try {
      MessageDigest md5 = MessageDigest.getInstance("MD5");
      byte[] digest = md5.digest(canonical(row).getBytes(StandardCharsets.UTF_8));
      return ByteBuffer.wrap(digest).getLong();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("[BUG] MD5 is missing from this JVM", e);
    }
  }

  private static String text(Map<String, JsonNode> row, String column) {
    JsonNode value = row.get(column);
    return value == null || value.isNull() ? null : value.asText();
  }

  /** Returns the row's values, normalised, in header order (sorted), as one string. */
  static String canonical(Map<String, String> row) {
    StringBuilder text = new StringBuilder();
    row.entrySet().stream()
        .sorted(Map.Entry.comparingByKey(Comparator.naturalOrder()))
        .forEach(
            e -> text.append(e.getKey()).append('=').append(normalise(e.getValue())).append('\t'));
    return text.toString();
  }

  /** Same value, same string: numbers without trailing zeros, dates in ISO form, blanks empty. */
  static String normalise(String value) {
    String trimmed = value == null ? "" : value.strip();
    if (trimmed.isEmpty() || trimmed.equals("\"\"")) {
      return "";
    }
    if (trimmed.matches("-?[0-9]*\\.?[0-9]+")) {
      return new BigDecimal(trimmed).stripTrailingZeros().toPlainString();
    }
    if (trimmed.matches("[0-9]{2}/[0-9]{2}/[0-9]{4}")) {
      return LocalDate.parse(trimmed, US_DATE).toString();
    }
    return trimmed;
  }

  static String snakeCase(String header) {
    return header
        .strip()
        .toLowerCase(Locale.ROOT)
        .replaceAll("[^a-z0-9]+", "_")
        .replaceAll("^_|_$", "");
  }

  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
