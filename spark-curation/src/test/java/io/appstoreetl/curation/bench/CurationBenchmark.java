package io.appstoreetl.curation.bench;

import io.appstoreetl.curation.CurationArguments;
import io.appstoreetl.curation.CurationJob;
import io.appstoreetl.curation.load.LoadReport;
import io.appstoreetl.curation.testing.RawZoneWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * Benchmark of the curation job, run by {@code bench/curate.sh}. It is a class with {@code main},
 * not a test, so {@code mvn verify} does not run it.
 *
 * <p>Usage: {@code CurationBenchmark <work folder> [large rows] [segments] [history days] [rows per
 * day] [repeats]}, defaults 5,000,000, 10, 365, 20,000 and 3. Everything runs in one SparkSession
 * ({@code local[2]}, 8 shuffle partitions as the launcher sets), warmed up by one untimed run of
 * each kind. The compared runs alternate (A B A B ...) and each figure is the ratio of medians:
 *
 * <ul>
 *   <li>{@code curate_vs_copy_ratio}: A curates one metric date of App Downloads Standard rows
 *       landed as one analytics instance in several gzip segments, B reads the same files with
 *       Spark's CSV reader (tab separated, header, no schema inference) and writes them as Parquet.
 *   <li>{@code history_ratio}: the daily run of the launcher ({@code --dates} of the new day and
 *       its two restated days, {@code --summary-date} of the new day), A on a lake that already
 *       contains the history days, B on a lake that contains one day.
 * </ul>
 *
 * <p>The history is landed as one unit per day and curated in one run, so the history lake has one
 * snapshot of all its days, not one per day as after a year of daily runs.
 */
public final class CurationBenchmark {
  private static final long APP_ID = 1000000001L;
  private static final String HEADER =
      "Date\tApp Name\tApp Apple Identifier\tDownload Type\tApp Version\tDevice\tPlatform Version"
          + "\tSource Type\tPage Type\tPre-Order\tTerritory\tCounts";
  private static final String[] DOWNLOAD_TYPES = {
    "First-time download", "Redownload", "Manual update", "Auto-update", "Restore"
  };
  private static final String[] VERSIONS = {"4.0", "4.1", "4.2", "4.2.1", "5.0"};
  private static final String[] DEVICES = {"iPhone", "iPad", "Mac", "Apple TV", "Apple Vision"};
  private static final String[] PLATFORM_VERSIONS = {
    "iOS 17.5", "iOS 18.0", "iOS 18.1", "iPadOS 18.1", "macOS 15.1", "tvOS 18.1", "visionOS 2.1"
  };
  private static final String[] SOURCE_TYPES = {
    "App Store search", "App Store browse", "Web referrer", "App referrer", "Institutional purchase"
  };
  private static final String[] PAGE_TYPES = {"Product page", "Store sheet", "No page", "Search"};
  private static final String[] TERRITORIES = {
    "United States", "Japan", "Germany", "United Kingdom", "France", "Canada", "Australia",
    "Brazil", "India", "China mainland", "Korea, Republic of", "Italy", "Spain", "Mexico"
  };

  private final SparkSession spark;
  private final Path work;

  private CurationBenchmark(SparkSession spark, Path work) {
    this.spark = spark;
    this.work = work;
  }

  public static void main(String[] args) throws IOException {
    if (args.length < 1 || args.length > 6) {
      System.err.println(
          "Usage: CurationBenchmark <work folder> [large rows] [segments] [history days]"
              + " [rows per day] [repeats]");
      System.exit(2);
    }
    Path work = Path.of(args[0]).toAbsolutePath();
    long largeRows = args.length > 1 ? Long.parseLong(args[1]) : 5_000_000L;
    int segments = args.length > 2 ? Integer.parseInt(args[2]) : 10;
    int historyDays = args.length > 3 ? Integer.parseInt(args[3]) : 365;
    int rowsPerDay = args.length > 4 ? Integer.parseInt(args[4]) : 20_000;
    int repeats = args.length > 5 ? Integer.parseInt(args[5]) : 3;

    SparkSession spark =
        SparkSession.builder()
            .master("local[2]")
            .appName("appstore-etl curation benchmark")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.shuffle.partitions", "8")
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .config(
                "spark.sql.extensions",
                "org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions")
            .config("spark.sql.datetime.java8API.enabled", "true")
            .getOrCreate();
    try {
      CurationBenchmark benchmark = new CurationBenchmark(spark, work);
      double copyRatio = benchmark.curateVersusCopy(largeRows, segments, repeats);
      double historyRatio = benchmark.history(historyDays, rowsPerDay, repeats);
      System.out.printf(Locale.ROOT, "curate_vs_copy_ratio=%.2f%n", copyRatio);
      System.out.printf(Locale.ROOT, "history_ratio=%.2f%n", historyRatio);
    } finally {
      spark.stop();
    }
  }

  /** Returns the median time of curating one large day over that of copying its files. */
  private double curateVersusCopy(long rows, int segments, int repeats) throws IOException {
    LocalDate day = LocalDate.of(2025, 6, 1);
    Path lake = work.resolve("large");
    long started = System.nanoTime();
    RawZoneWriter.Unit unit =
        new RawZoneWriter(lake.resolve("raw"))
            .analytics(
                "app_downloads_standard",
                "DAILY",
                APP_ID,
                day.plusDays(1),
                "large-day",
                landedAt(day.plusDays(1)));
    SplittableRandom random = new SplittableRandom(1);
    for (int segment = 0; segment < segments; segment++) {
      long segmentRows = rows / segments + (segment < rows % segments ? 1 : 0);
      unit.file(gzipTsv(random, List.of(day), segmentRows), segmentRows);
    }
    String unitKey = unit.holding(day).land();
    String[] files = segmentFiles(lake.resolve("raw").resolve(unitKey));
    progress(
        "Landed %,d rows of %s in %d segments (%.1f s)",
        rows, day, segments, seconds(System.nanoTime() - started));

    String[] curate = jobArguments(lake, "large", "--dates", day.toString());
    Path parquet = work.resolve("copy.parquet");
    Runnable curateRun = () -> runJob(curate, rows);
    Runnable copyRun =
        () ->
            spark
                .read()
                .option("sep", "\t")
                .option("header", "true")
                .csv(files)
                .write()
                .mode(SaveMode.Overwrite)
                .parquet(parquet.toString());

    return compare("curate one large day", curateRun, "copy CSV to Parquet", copyRun, repeats);
  }

  /** Returns the median time of a daily run with the history over that with one day. */
  private double history(int historyDays, int rowsPerDay, int repeats) throws IOException {
    LocalDate last = LocalDate.of(2025, 12, 31);
    LocalDate first = last.minusDays(historyDays - 1L);
    Path longLake = work.resolve("history-" + historyDays);
    Path shortLake = work.resolve("history-1");
    long started = System.nanoTime();
    SplittableRandom random = new SplittableRandom(2);
    for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
      landDailyUnit(longLake, random, List.of(day), rowsPerDay);
    }
    landDailyUnit(shortLake, new SplittableRandom(2), List.of(last), rowsPerDay);
    progress(
        "Landed %d days of %,d rows (%.1f s)",
        historyDays, rowsPerDay, seconds(System.nanoTime() - started));

    started = System.nanoTime();
    String[] loadLong =
        jobArguments(longLake, "history_long", "--from", first.toString(), "--to", last.toString());
    runJob(loadLong, (long) historyDays * rowsPerDay);
    runJob(jobArguments(shortLake, "history_short", "--dates", last.toString()), rowsPerDay);
    progress("Curated the histories (%.1f s)", seconds(System.nanoTime() - started));

    // The next processing date brings the new day and restates the two days before it.
    LocalDate newDay = last.plusDays(1);
    List<LocalDate> runDates = List.of(newDay.minusDays(2), newDay.minusDays(1), newDay);
    landDailyUnit(longLake, new SplittableRandom(3), runDates, rowsPerDay);
    landDailyUnit(shortLake, new SplittableRandom(3), runDates, rowsPerDay);
    String dates = String.join(",", runDates.stream().map(LocalDate::toString).toList());
    String[] dailyLong =
        jobArguments(
            longLake, "history_long", "--dates", dates, "--summary-date", newDay.toString());
    String[] dailyShort =
        jobArguments(
            shortLake, "history_short", "--dates", dates, "--summary-date", newDay.toString());
    long dailyRows = (long) runDates.size() * rowsPerDay;

    return compare(
        "daily run, " + historyDays + " days stored",
        () -> runJob(dailyLong, dailyRows),
        "daily run, 1 day stored",
        () -> runJob(dailyShort, dailyRows),
        repeats);
  }

  /**
   * Runs {@code runA} and {@code runB} once each untimed, then {@code repeats} times each in the
   * order A B A B ..., and returns the median of A over the median of B.
   */
  private static double compare(
      String nameA, Runnable runA, String nameB, Runnable runB, int repeats) {
    runA.run();
    runB.run();
    double[] timesA = new double[repeats];
    double[] timesB = new double[repeats];
    for (int i = 0; i < repeats; i++) {
      timesA[i] = timed(runA);
      progress("%s: %.2f s", nameA, timesA[i]);
      timesB[i] = timed(runB);
      progress("%s: %.2f s", nameB, timesB[i]);
    }
    double medianA = median(timesA);
    double medianB = median(timesB);
    System.out.printf(
        Locale.ROOT,
        "%s: median %.2f s of %s; %s: median %.2f s of %s%n",
        nameA,
        medianA,
        format(timesA),
        nameB,
        medianB,
        format(timesB));

    return medianA / medianB;
  }

  private void landDailyUnit(
      Path lake, SplittableRandom random, List<LocalDate> metricDates, int rowsPerDay) {
    LocalDate processingDate = metricDates.get(metricDates.size() - 1).plusDays(1);
    new RawZoneWriter(lake.resolve("raw"))
        .analytics(
            "app_downloads_standard",
            "DAILY",
            APP_ID,
            processingDate,
            "instance-" + processingDate,
            landedAt(processingDate))
        .file(gzipTsv(random, metricDates, rowsPerDay), (long) metricDates.size() * rowsPerDay)
        .holding(metricDates.toArray(LocalDate[]::new))
        .land();
  }

  /** Runs the curation job and checks that it wrote every landed row. */
  private void runJob(String[] arguments, long expectedRows) {
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8)) {
      LoadReport report = CurationJob.curate(spark, CurationArguments.parse(arguments), out);
      long written = report.totalsOf("downloads").rowsWritten();
      if (written != expectedRows || report.rejectCount() != 0) {
        throw new IllegalStateException(
            "Curation wrote "
                + written
                + " downloads rows and rejected "
                + report.rejectCount()
                + ", expected "
                + expectedRows
                + " and 0:\n"
                + output.toString(StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String[] jobArguments(Path lake, String catalogName, String... dates) {
    List<String> arguments =
        new ArrayList<>(
            List.of(
                "--raw-root",
                lake.resolve("raw").toString(),
                "--catalog-uri",
                "jdbc:sqlite:" + lake.resolve("catalog.db"),
                "--warehouse",
                lake.resolve("warehouse").toString(),
                "--catalog-name",
                catalogName));
    arguments.addAll(List.of(dates));

    return arguments.toArray(String[]::new);
  }

  /**
   * Returns gzip-compressed App Downloads Standard text: the header, then {@code rowsPerDay} rows
   * of each metric date with values drawn from Apple's documented dimensions.
   */
  private static byte[] gzipTsv(
      SplittableRandom random, List<LocalDate> metricDates, long rowsPerDay) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    // Level 1 keeps landing 5 million rows to seconds; the job reads any gzip level alike.
    try (FastGzipStream gzip = new FastGzipStream(bytes)) {
      StringBuilder text = new StringBuilder(HEADER).append('\n');
      for (LocalDate date : metricDates) {
        String dateText = date.toString();
        for (long row = 0; row < rowsPerDay; row++) {
          text.append(dateText)
              .append("\tExample App\t")
              .append(APP_ID)
              .append('\t')
              .append(pick(random, DOWNLOAD_TYPES))
              .append('\t')
              .append(pick(random, VERSIONS))
              .append('\t')
              .append(pick(random, DEVICES))
              .append('\t')
              .append(pick(random, PLATFORM_VERSIONS))
              .append('\t')
              .append(pick(random, SOURCE_TYPES))
              .append('\t')
              .append(pick(random, PAGE_TYPES))
              .append("\t\t")
              .append(pick(random, TERRITORIES))
              .append('\t')
              .append(1 + (long) (StrictMath.pow(random.nextDouble(), 3) * 300))
              .append('\n');
          if (text.length() > 1 << 20) {
            gzip.write(text.toString().getBytes(StandardCharsets.UTF_8));
            text.setLength(0);
          }
        }
      }
      gzip.write(text.toString().getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }

    return bytes.toByteArray();
  }

  private static String pick(SplittableRandom random, String[] values) {
    return values[random.nextInt(values.length)];
  }

  private static String[] segmentFiles(Path unitFolder) throws IOException {
    try (Stream<Path> files = Files.list(unitFolder)) {
      return files
          .filter(file -> file.getFileName().toString().endsWith(".gz"))
          .map(Path::toString)
          .sorted()
          .toArray(String[]::new);
    }
  }

  private static Instant landedAt(LocalDate processingDate) {
    return Instant.parse(processingDate + "T06:00:00Z");
  }

  private static double timed(Runnable run) {
    long started = System.nanoTime();
    run.run();

    return seconds(System.nanoTime() - started);
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int middle = sorted.length / 2;

    return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  }

  private static String format(double[] values) {
    return Arrays.stream(values)
        .mapToObj(value -> String.format(Locale.ROOT, "%.2f", value))
        .toList()
        .toString();
  }

  private static void progress(String format, Object... values) {
    System.out.printf(Locale.ROOT, format + "%n", values);
    System.out.flush();
  }

  /** A gzip stream at the fastest compression level. */
  private static final class FastGzipStream extends java.util.zip.GZIPOutputStream {
    FastGzipStream(ByteArrayOutputStream out) throws IOException {
      super(out, 1 << 16);
      def.setLevel(java.util.zip.Deflater.BEST_SPEED);
    }
  }
}
