package io.appstoreetl.curation;

import io.appstoreetl.curation.insights.ReviewInsights;
import io.appstoreetl.curation.insights.TopicModelStore;
import io.appstoreetl.curation.load.AppsListing;
import io.appstoreetl.curation.load.AuditRows;
import io.appstoreetl.curation.load.CandidateUnits;
import io.appstoreetl.curation.load.DataTableWriter;
import io.appstoreetl.curation.load.IcebergTables;
import io.appstoreetl.curation.load.LoadReport;
import io.appstoreetl.curation.load.PendingDates;
import io.appstoreetl.curation.load.QuarantineWriter;
import io.appstoreetl.curation.load.RunSummaries;
import io.appstoreetl.curation.load.SparkSchemas;
import io.appstoreetl.curation.load.UnitResults;
import io.appstoreetl.curation.parse.RejectedLine;
import io.appstoreetl.curation.raw.LegacyLayout;
import io.appstoreetl.curation.raw.RawZone;
import io.appstoreetl.curation.raw.SelectedUnit;
import io.appstoreetl.curation.raw.UnitManifest;
import io.appstoreetl.curation.raw.UnitSelector;
import io.appstoreetl.curation.rows.FileSummary;
import io.appstoreetl.curation.rows.FileTask;
import io.appstoreetl.curation.rows.ParseOutcome;
import io.appstoreetl.tables.TableDefinition;
import io.appstoreetl.tables.Tables;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One curation run: decides which (table, metric date) pairs to recompute, selects and parses the
 * winning units, writes the tables, then {@code quarantine}, {@code load_audit} and {@code runs}.
 *
 * <p>Each step is one method. The data tables are written before the bookkeeping tables, so a run
 * that fails half-way leaves load_audit without its units, and {@code --changed-since-days} finds
 * them pending again.
 */
final class CurationRun {
  private static final Logger LOG = LoggerFactory.getLogger(CurationRun.class);
  private static final DateTimeFormatter RUN_ID_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);

  /** Tables that a metric date's units feed, in the order they are written. */
  private static final List<TableDefinition> DATED_TABLES = datedTables();

  private final SparkSession spark;
  private final CurationArguments arguments;
  private final IcebergTables tables;
  private final JavaSparkContext jsc;
  private final RawZone raw;
  private final Instant startedAt = Instant.now();
  private final LocalDateTime loadedAt =
      LocalDateTime.ofInstant(startedAt, ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
  private final String runId =
      RUN_ID_TIME.format(startedAt)
          + "-"
          + String.format("%08x", ThreadLocalRandom.current().nextInt());
  private final boolean java8Dates;

  /** The dates to recompute per dated table, in {@link #DATED_TABLES} order. */
  private final Map<TableDefinition, SortedSet<LocalDate>> work = new LinkedHashMap<>();

  /** Units of reports this job does not curate that the run saw, by date. */
  private final Map<LocalDate, List<UnitManifest>> uncurated = new TreeMap<>();

  private final List<LoadReport.TableDateCounts> counts = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();

  private final QuarantineWriter quarantine = new QuarantineWriter();
  private final List<Object[]> auditRows = new ArrayList<>();
  private final Set<String> tablesWritten = new LinkedHashSet<>();

  CurationRun(SparkSession spark, CurationArguments arguments) {
    this.spark = spark;
    this.arguments = arguments;
    SparkSessions.configureCatalog(spark, arguments.catalog());
    this.tables =
        new IcebergTables(spark, arguments.catalog().name(), arguments.catalog().database());
    this.jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    this.raw = RawZone.at(arguments.rawRoot(), spark.sparkContext().hadoopConfiguration());
    this.java8Dates = spark.sessionState().conf().datetimeJava8ApiEnabled();
  }

  String runId() {
    return runId;
  }

  /**
   * Runs every step and returns what was loaded.
   *
   * @throws IOException if the raw zone cannot be read
   */
  LoadReport run() throws IOException {
    createTables();
    planWork();
    SortedSet<LocalDate> allDates = new TreeSet<>();
    work.values().forEach(allDates::addAll);
    LOG.info("Run {}: recomputing {}", runId, work);

    Map<LocalDate, List<UnitManifest>> candidates = CandidateUnits.read(jsc, raw, allDates);
    if (arguments.legacyRoot() != null && !arguments.dates().isEmpty()) {
      addLegacyCandidates(candidates);
    }
    Optional<AppsListing.Snapshot> apps = readAppsIfNeeded();
    Map<String, SelectedUnit> winners = selectUnits(candidates);
    Map<String, UnitManifest> audited = new TreeMap<>();
    Map<String, SortedSet<LocalDate>> candidateDates = candidateDates(candidates, audited);

    List<FileTask> tasks = fileTasks(winners, apps);
    LOG.info("Parsing {} files of {} winning units", tasks.size(), winners.size());
    long rejectCount;
    List<RejectedLine> rejectExamples;
    try (DataTableWriter written = new DataTableWriter(spark, raw, tables)) {
      written.write(work, tasks);
      UnitResults results = new UnitResults(written.summaries());
      rejectExamples = written.rejectExamples();
      logFailures(results, rejectExamples);
      counts.addAll(written.counts());
      tablesWritten.addAll(written.tablesWritten());
      Map<String, Long> rowsWrittenByUnit = written.rowsWrittenByUnit();
      writeApps(apps);
      writeExtractorRuns(allDates);
      writeQuarantine(written.rejects(), results, audited);
      collectAudit(audited, candidateDates, winners, results, rowsWrittenByUnit);
      collectNotes(results);
    }

    writeReviewInsights();
    writeAudit();
    rejectCount = counts.stream().mapToLong(LoadReport.TableDateCounts::rowsRejected).sum();
    writeCurationRun(allDates, rejectCount);

    return new LoadReport(runId, counts, rejectCount, rejectExamples, notes);
  }

  private void createTables() {
    tables.createNamespace();
    // All tables, not only the requested ones, so that the summary and queries find them.
    for (TableDefinition table : Tables.all()) {
      tables.createOrEvolve(table);
    }
  }

  /** Fills {@link #work} from the explicit dates and, with the option, the pending ones. */
  private void planWork() throws IOException {
    List<TableDefinition> requested =
        DATED_TABLES.stream().filter(arguments.tables()::contains).toList();
    for (TableDefinition table : requested) {
      if (!arguments.dates().isEmpty()) {
        work.computeIfAbsent(table, t -> new TreeSet<>()).addAll(arguments.dates());
      }
    }

    if (requested.contains(Tables.SEARCH_TERMS) && !arguments.searchTermsDates().isEmpty()) {
      work.computeIfAbsent(Tables.SEARCH_TERMS, t -> new TreeSet<>())
          .addAll(arguments.searchTermsDates());
    }
    if (requested.contains(Tables.REVIEWS) && !arguments.reviewsDates().isEmpty()) {
      work.computeIfAbsent(Tables.REVIEWS, t -> new TreeSet<>()).addAll(arguments.reviewsDates());
    }

    if (arguments.changedSinceDays() != null) {
      PendingDates.Pending pending =
          PendingDates.find(
              jsc, raw, tables, arguments.today(), arguments.changedSinceDays(), requested);
      for (TableDefinition table : requested) {
        SortedSet<LocalDate> dates = pending.datesByTable().get(table);
        if (dates != null) {
          work.computeIfAbsent(table, t -> new TreeSet<>()).addAll(dates);
        }
      }
      pending
          .uncuratedUnits()
          .forEach((date, units) -> uncurated.put(date, new ArrayList<>(units)));
    }

    // Keep the table order of the definitions.
    Map<TableDefinition, SortedSet<LocalDate>> ordered = new LinkedHashMap<>();
    for (TableDefinition table : DATED_TABLES) {
      if (work.containsKey(table)) {
        ordered.put(table, work.get(table));
      }
    }
    work.clear();
    work.putAll(ordered);
  }

  /**
   * Adds the units of the old pipeline's layout under {@code --legacy-root} to the candidates of
   * the explicitly requested dates.
   */
  private void addLegacyCandidates(Map<LocalDate, List<UnitManifest>> candidates)
      throws IOException {
    RawZone legacy =
        LegacyLayout.zone(arguments.legacyRoot(), spark.sparkContext().hadoopConfiguration());
    LegacyLayout.Found found = LegacyLayout.find(jsc, legacy, arguments.dates());
    for (UnitManifest unit : found.units()) {
      TableDefinition table = tableOf(unit);
      for (LocalDate date : unit.metricDates()) {
        if (work.containsKey(table) && work.get(table).contains(date)) {
          candidates.computeIfAbsent(date, d -> new ArrayList<>()).add(unit);
        }
      }
    }
    for (LegacyLayout.Unreadable file : found.unreadableFiles()) {
      LOG.warn("Rejected legacy file {}: {}", file.sourceFile(), file.reason());
      quarantine.addReject(
          file.table(), new RejectedLine(file.sourceFile(), 0, null, file.reason(), null));
      // These folders are not audited, so their earlier rejects are replaced here.
      quarantine.replaceWhere(
          "table_name = "
              + SparkSchemas.literal(file.table())
              + " AND metric_date IS NULL AND unit_key = "
              + SparkSchemas.literal(AuditRows.folderOf(file.sourceFile())));
    }
  }

  private Optional<AppsListing.Snapshot> readAppsIfNeeded() throws IOException {
    boolean needed = arguments.tables().contains(Tables.APPS) || work.containsKey(Tables.SALES);

    return needed ? AppsListing.newest(raw, loadedAt) : Optional.empty();
  }

  /** Returns the winners of every table's dates, by unit key. */
  private Map<String, SelectedUnit> selectUnits(Map<LocalDate, List<UnitManifest>> candidates) {
    Map<String, SelectedUnit> winners = new TreeMap<>();
    for (Map.Entry<TableDefinition, SortedSet<LocalDate>> entry : work.entrySet()) {
      Map<LocalDate, List<UnitManifest>> ofTable = new TreeMap<>();
      for (LocalDate date : entry.getValue()) {
        ofTable.put(
            date,
            candidates.getOrDefault(date, List.of()).stream()
                .filter(unit -> tableOf(unit) == entry.getKey())
                .toList());
      }
      for (SelectedUnit unit : UnitSelector.select(ofTable)) {
        LOG.debug("Unit {} wins {}", unit.manifest().unitKey(), unit.wonDates());
        winners.put(unit.manifest().unitKey(), unit);
      }
    }

    return winners;
  }

  /**
   * Returns, per unit key, the dates the run recomputes for which the index names the unit, and
   * puts each such unit in {@code audited}. A unit counts for a date when the run recomputes its
   * table for that date. A unit of a report this job does not curate counts for every date it is
   * found under.
   */
  private Map<String, SortedSet<LocalDate>> candidateDates(
      Map<LocalDate, List<UnitManifest>> candidates, Map<String, UnitManifest> audited) {
    Map<String, SortedSet<LocalDate>> dates = new HashMap<>();
    Map<LocalDate, List<UnitManifest>> all = new TreeMap<>();
    candidates.forEach(
        (date, units) -> all.computeIfAbsent(date, d -> new ArrayList<>()).addAll(units));
    uncurated.forEach(
        (date, units) -> all.computeIfAbsent(date, d -> new ArrayList<>()).addAll(units));

    for (Map.Entry<LocalDate, List<UnitManifest>> entry : all.entrySet()) {
      for (UnitManifest unit : entry.getValue()) {
        TableDefinition table = tableOf(unit);
        boolean counts =
            table == null || (work.containsKey(table) && work.get(table).contains(entry.getKey()));
        if (counts) {
          dates.computeIfAbsent(unit.unitKey(), key -> new TreeSet<>()).add(entry.getKey());
          audited.putIfAbsent(unit.unitKey(), unit);
        }
      }
    }

    return dates;
  }

  private List<FileTask> fileTasks(
      Map<String, SelectedUnit> winners, Optional<AppsListing.Snapshot> apps) {
    Map<String, Long> appIdsBySku = apps.map(AppsListing.Snapshot::appIdsBySku).orElse(Map.of());
    List<FileTask> tasks = new ArrayList<>();
    for (SelectedUnit selected : winners.values()) {
      UnitManifest unit = selected.manifest();
      if (unit.status() != UnitManifest.Status.COMPLETE) {
        continue;
      }
      var kind = unit.kind().orElseThrow();
      for (UnitManifest.ManifestFile file : unit.files()) {
        tasks.add(
            new FileTask(
                kind,
                unit,
                file.path(),
                file.md5(),
                selected.wonDates(),
                loadedAt,
                kind.table() == Tables.SALES ? appIdsBySku : Map.of()));
      }
    }

    return tasks;
  }

  /** Replaces the apps table with the newest listing, when the run curates apps. */
  private void writeApps(Optional<AppsListing.Snapshot> apps) {
    if (!arguments.tables().contains(Tables.APPS)) {
      return;
    }
    quarantine.replaceWhere("table_name = 'apps'");
    if (apps.isEmpty()) {
      LOG.info("No apps listing has landed; table apps is left as it is");
      return;
    }

    AppsListing.Snapshot snapshot = apps.get();
    tables.overwrite(Tables.APPS, dataFrame(Tables.APPS, snapshot.rows()), "true");
    tablesWritten.add(Tables.APPS.name());
    for (RejectedLine reject : snapshot.rejects()) {
      quarantine.addReject(Tables.APPS.name(), reject);
    }
    counts.add(
        new LoadReport.TableDateCounts(
            Tables.APPS.name(),
            null,
            snapshot.rows().size() + snapshot.rejects().size(),
            snapshot.rows().size(),
            snapshot.rejects().size()));
    auditRows.add(AuditRows.appsAudit(runId, loadedAt, snapshot));
  }

  /** Replaces the extractor rows of {@code runs} for the run dates that have summaries. */
  private void writeExtractorRuns(SortedSet<LocalDate> metricDates) throws IOException {
    if (!arguments.tables().contains(Tables.RUNS)) {
      return;
    }
    SortedSet<LocalDate> runDates = new TreeSet<>(metricDates);
    if (arguments.changedSinceDays() != null) {
      arguments
          .today()
          .minusDays(arguments.changedSinceDays())
          .datesUntil(arguments.today().plusDays(1))
          .forEach(runDates::add);
    }

    RunSummaries.Result result = RunSummaries.read(raw, runDates, loadedAt);
    for (RejectedLine reject : result.rejects()) {
      quarantine.addReject(Tables.RUNS.name(), reject);
    }
    if (!result.runDates().isEmpty()) {
      List<String> folders = result.runDates().stream().map(RunSummaries::folder).toList();
      quarantine.replaceWhere(
          "table_name = 'runs' AND unit_key IN " + IcebergTables.stringList(folders));
      tables.overwrite(
          Tables.RUNS,
          dataFrame(Tables.RUNS, result.rows()),
          "run_kind = 'extractor' AND " + IcebergTables.dateIn("run_date", result.runDates()));
      tablesWritten.add(Tables.RUNS.name());
    }
    if (!result.rows().isEmpty() || !result.rejects().isEmpty()) {
      counts.add(
          new LoadReport.TableDateCounts(
              Tables.RUNS.name(),
              null,
              result.rows().size() + result.rejects().size(),
              result.rows().size(),
              result.rejects().size()));
    }
  }

  /**
   * Replaces the rejects of every (table, date) the run recomputed: dated rejects by date, undated
   * ones by unit, for the units the index names for those dates.
   */
  private void writeQuarantine(
      JavaRDD<ParseOutcome> rejects, UnitResults results, Map<String, UnitManifest> audited) {
    for (Map.Entry<TableDefinition, SortedSet<LocalDate>> entry : work.entrySet()) {
      TableDefinition table = entry.getKey();
      List<String> unitKeys =
          audited.values().stream()
              .filter(unit -> tableOf(unit) == table)
              .map(UnitManifest::unitKey)
              .toList();
      quarantine.replaceRejectsOf(table, entry.getValue(), unitKeys);
    }
    quarantine.write(tables, rejects, results, runId, loadedAt);
  }

  private void collectAudit(
      Map<String, UnitManifest> audited,
      Map<String, SortedSet<LocalDate>> candidateDates,
      Map<String, SelectedUnit> winners,
      UnitResults results,
      Map<String, Long> rowsWrittenByUnit) {
    for (UnitManifest unit : audited.values()) {
      TableDefinition table = tableOf(unit);
      SelectedUnit won = winners.get(unit.unitKey());
      boolean countedAfterWrite = table == Tables.REVIEWS || table == Tables.SEARCH_TERMS;
      Long rowsWritten =
          countedAfterWrite ? rowsWrittenByUnit.getOrDefault(unit.unitKey(), 0L) : null;
      auditRows.add(
          AuditRows.loadAudit(
              runId,
              loadedAt,
              unit,
              table,
              candidateDates.get(unit.unitKey()),
              won == null ? List.of() : won.wonDates(),
              results,
              rowsWritten));
    }
  }

  /** Brings review_insights in step with reviews, when the run curates it. */
  private void writeReviewInsights() throws IOException {
    if (!arguments.tables().contains(Tables.REVIEW_INSIGHTS)) {
      return;
    }
    TopicModelStore models =
        new TopicModelStore(modelRoot(), spark.sparkContext().hadoopConfiguration());
    ReviewInsights.Result result =
        new ReviewInsights(
                tables,
                models,
                arguments.insights().retrain(),
                arguments.insights().topics(),
                loadedAt)
            .update();
    if (result.changed()) {
      tablesWritten.add(Tables.REVIEW_INSIGHTS.name());
      counts.add(
          new LoadReport.TableDateCounts(
              Tables.REVIEW_INSIGHTS.name(), null, result.rowsWritten(), result.rowsWritten(), 0));
    }
    if (result.trained()) {
      notes.add("Trained topic model " + result.modelVersion() + " under " + models.root());
    }
    if (result.rowsDeleted() > 0) {
      notes.add(
          "Deleted "
              + result.rowsDeleted()
              + " rows of review_insights whose review is no longer in reviews");
    }
  }

  /**
   * Returns {@code --model-root}, or {@code models/review-topics} beside the warehouse: {@code
   * /data/lake/warehouse} gives {@code /data/lake/models/review-topics}.
   */
  private String modelRoot() {
    return readableByHadoop(configuredModelRoot());
  }

  /**
   * Returns an {@code s3://} URI as {@code s3a://} when Hadoop has no file system for {@code s3}:
   * EMR serves {@code s3://} through EMRFS, a local job reads the same bucket through s3a.
   */
  private String readableByHadoop(String uri) {
    if (!uri.startsWith("s3://")) {
      return uri;
    }
    try {
      org.apache.hadoop.fs.FileSystem.getFileSystemClass(
          "s3", spark.sparkContext().hadoopConfiguration());
      return uri;
    } catch (IOException e) {
      return "s3a://" + uri.substring("s3://".length());
    }
  }

  private String configuredModelRoot() {
    if (arguments.insights().modelRoot() != null) {
      return SparkSessions.warehouseUri(arguments.insights().modelRoot());
    }
    String warehouse =
        spark
            .conf()
            .getOption("spark.sql.catalog." + arguments.catalog().name() + ".warehouse")
            .getOrElse(() -> null);
    if (warehouse == null) {
      throw new IllegalArgumentException(
          "Cannot place the topic models of review_insights: the catalog has no warehouse;"
              + " pass --model-root");
    }
    Path warehousePath = new Path(warehouse);
    Path parent = warehousePath.getParent() == null ? warehousePath : warehousePath.getParent();

    return new Path(new Path(parent, "models"), "review-topics").toString();
  }

  private void writeAudit() {
    if (!auditRows.isEmpty()) {
      tables.append(Tables.LOAD_AUDIT, dataFrame(Tables.LOAD_AUDIT, auditRows));
    }
  }

  private void writeCurationRun(SortedSet<LocalDate> dates, long rejectCount) {
    Object[] values = new Object[Tables.RUNS.columns().size()];
    TableDefinition runs = Tables.RUNS;
    values[runs.indexOf("run_id")] = runId;
    values[runs.indexOf("run_kind")] = "curation";
    values[runs.indexOf("run_date")] = loadedAt.toLocalDate();
    values[runs.indexOf("started_at")] = loadedAt;
    values[runs.indexOf("finished_at")] =
        LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
    values[runs.indexOf("status")] = "ok";
    values[runs.indexOf("apps")] = loadedApps();
    values[runs.indexOf("errors_total")] = 0L;
    values[runs.indexOf("errors")] = List.of();
    values[runs.indexOf("touched_metric_dates")] = new ArrayList<>(dates);
    values[runs.indexOf("tables")] = new ArrayList<>(tablesWritten);
    values[runs.indexOf("rows_read")] =
        counts.stream().mapToLong(LoadReport.TableDateCounts::rowsRead).sum();
    values[runs.indexOf("rows_written")] =
        counts.stream().mapToLong(LoadReport.TableDateCounts::rowsWritten).sum();
    values[runs.indexOf("rows_rejected")] = rejectCount;
    values[runs.indexOf("loaded_at")] = loadedAt;
    Map<String, String> options = new LinkedHashMap<>();
    if (arguments.changedSinceDays() != null) {
      options.put("changed_since_days", arguments.changedSinceDays().toString());
      options.put("today", arguments.today().toString());
    }
    values[runs.indexOf("extra_columns")] = options;
    tables.append(Tables.RUNS, dataFrame(Tables.RUNS, List.<Object[]>of(values)));
  }

  /** Returns the apps of the units this run loaded, as sorted Apple ids. */
  private List<String> loadedApps() {
    TableDefinition audit = Tables.LOAD_AUDIT;
    SortedSet<Long> apps = new TreeSet<>();
    for (Object[] row : auditRows) {
      Object app = row[audit.indexOf("app_apple_id")];
      Object status = row[audit.indexOf("status")];
      if (app instanceof Long id && ("loaded".equals(status) || "empty".equals(status))) {
        apps.add(id);
      }
    }
    return apps.stream().map(String::valueOf).toList();
  }

  private void collectNotes(UnitResults results) {
    for (FileSummary summary : results.summaries()) {
      if (summary.footerCheck() != null && summary.footerCheck().startsWith("mismatch")) {
        notes.add("Footer " + summary.footerCheck() + " in " + summary.sourceFile());
      }
    }
    Map<String, Set<String>> unknown = new TreeMap<>();
    Map<String, Set<String>> unmapped = new TreeMap<>();
    for (FileSummary summary : results.summaries()) {
      unknown
          .computeIfAbsent(summary.table(), t -> new TreeSet<>())
          .addAll(summary.unknownColumns());
      unmapped
          .computeIfAbsent(summary.table(), t -> new TreeSet<>())
          .addAll(summary.unmappedTerritories());
    }
    unknown.forEach(
        (table, names) -> {
          if (!names.isEmpty()) {
            notes.add("Unknown columns kept in " + table + ".extra_columns: " + shortList(names));
          }
        });
    unmapped.forEach(
        (table, names) -> {
          if (!names.isEmpty()) {
            notes.add("Territories without an ISO code in " + table + ": " + shortList(names));
          }
        });
  }

  private void logFailures(UnitResults results, List<RejectedLine> rejectExamples) {
    for (FileSummary summary : results.summaries()) {
      if (summary.failed()) {
        LOG.warn("Rejected file {}: {}", summary.sourceFile(), summary.failure());
      }
    }
    for (RejectedLine reject : rejectExamples) {
      LOG.warn("Rejected {}", reject.describe());
    }
  }

  private Dataset<Row> dataFrame(TableDefinition table, List<Object[]> rows) {
    List<Row> sparkRows = new ArrayList<>();
    for (Object[] values : rows) {
      sparkRows.add(SparkSchemas.toRow(values, java8Dates));
    }

    return spark.createDataFrame(sparkRows, SparkSchemas.schema(table));
  }

  private static TableDefinition tableOf(UnitManifest unit) {
    return unit.kind().map(kind -> kind.table()).orElse(null);
  }

  private static List<TableDefinition> datedTables() {
    List<TableDefinition> dated = new ArrayList<>(Tables.reportTables());
    dated.add(Tables.REVIEWS);
    dated.add(Tables.SEARCH_TERMS);

    return dated;
  }

  /** Names printed in one note line at most; a file with 10,000 columns would fill a screen. */
  static final int MAX_LISTED_NAMES = 20;

  /** Returns the names as {@code [a, b, c]}, or the first ones and how many more there are. */
  static String shortList(Collection<String> names) {
    if (names.size() <= MAX_LISTED_NAMES) {
      return names.toString();
    }
    List<String> first = names.stream().limit(MAX_LISTED_NAMES).toList();
    return first + " and " + (names.size() - MAX_LISTED_NAMES) + " more";
  }
}
