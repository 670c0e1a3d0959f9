package io.appstoreetl.tables;

import java.util.List;

/** Tables about the pipeline itself: runs, load_audit and quarantine. */
final class OperationsTables {

  private static final ColumnType DATES = ColumnType.array(ColumnType.DATE);
  private static final ColumnType STRINGS = ColumnType.array(ColumnType.STRING);

  private OperationsTables() {}

  static TableDefinition runs() {
    List<Column> columns =
        List.of(
            Column.of(
                    "run_id",
                    ColumnType.STRING,
                    "The run's id: <UTC yyyyMMdd'T'HHmmssSSS'Z'>-<8 hex digits>.")
                .notNull(),
            Column.of("run_kind", ColumnType.STRING, "extractor or curation.").notNull(),
            Column.of(
                    "run_date",
                    ColumnType.DATE,
                    "Extractor: the date the run was asked for. Curation: the UTC date it started.")
                .notNull(),
            Column.of("started_at", ColumnType.TIMESTAMP, "UTC start time."),
            Column.of("finished_at", ColumnType.TIMESTAMP, "UTC end time."),
            Column.of(
                "status",
                ColumnType.STRING,
                "ok, or errors when the run reported errors (errors_total > 0)."),
            Column.of(
                "apps",
                STRINGS,
                "Extractor: the Apple ids of the apps it extracted, in its summary's order."
                    + " Curation: the apps of the units it loaded, sorted."),
            Column.of("units_landed", ColumnType.BIGINT, "Extractor: units landed."),
            Column.of("errors_total", ColumnType.BIGINT, "Errors the run reported."),
            Column.of(
                "errors",
                STRINGS,
                "Extractor: the error messages of its apps and reports, prefixed with the app or"
                    + " report."),
            Column.of(
                "touched_metric_dates",
                DATES,
                "Extractor: metric dates of the units it landed. Curation: the dates it"
                    + " recomputed."),
            Column.of("tables", STRINGS, "Curation: the tables it wrote."),
            Column.of("rows_read", ColumnType.BIGINT, "Curation: data rows read."),
            Column.of("rows_written", ColumnType.BIGINT, "Curation: rows written."),
            Column.of("rows_rejected", ColumnType.BIGINT, "Curation: rows rejected."),
            Column.of(
                "source_file",
                ColumnType.STRING,
                "Extractor: raw-zone key of its run summary; null for curation runs."),
            CommonColumns.loadedAt(),
            CommonColumns.extraColumns(
                "Other fields of the run summary, by field name, as JSON text."));

    return TableDefinition.builder("runs")
        .doc(
            "One row per extractor run (from its summary under runs/extractor/ in the raw zone)"
                + " and one per curation run.")
        .columns(columns)
        .partition(PartitionField.identity("run_kind"), PartitionField.day("run_date"))
        .keyColumns("run_kind", "run_id")
        .build();
  }

  static TableDefinition loadAudit() {
    List<Column> columns =
        List.of(
            Column.of("run_id", ColumnType.STRING, "The curation run.").notNull(),
            Column.of(
                    "loaded_at",
                    ColumnType.TIMESTAMP,
                    "UTC time of the curation run (timestamp without time zone).")
                .notNull(),
            Column.of("unit_key", ColumnType.STRING, "Raw-zone key of the unit folder.").notNull(),
            Column.of(
                    "unit_hash",
                    ColumnType.STRING,
                    "First 16 hex digits of the SHA-256 of unit_key: the file name of the unit's"
                        + " index entries.")
                .notNull(),
            Column.of(
                "source",
                ColumnType.STRING,
                "analytics, sales, finance, reviews, apps or apple_ads."),
            Column.of("report", ColumnType.STRING, "Report slug, as in the raw-zone key."),
            Column.of(
                "table_name",
                ColumnType.STRING,
                "The table the unit feeds; null for a report this job does not curate."),
            Column.of("granularity", ColumnType.STRING, "DAILY, WEEKLY or MONTHLY."),
            Column.of(
                "app_apple_id",
                ColumnType.BIGINT,
                "The unit's app, for analytics, reviews and Apple Ads search terms."),
            Column.of("vendor_number", ColumnType.STRING, "The unit's vendor number, if any."),
            Column.of("origin", ColumnType.STRING, "api or import."),
            Column.of(
                "processing_date", ColumnType.DATE, "Analytics: the instance's processing date."),
            Column.of(
                "report_date",
                ColumnType.DATE,
                "Sales: the report date; finance: the fiscal month's first day; reviews, apps and"
                    + " apple_ads: the fetch date."),
            Column.of(
                "landed_at", ColumnType.TIMESTAMP, "UTC time the unit's manifest was written."),
            Column.of(
                "candidate_dates",
                DATES,
                "Metric dates this run recomputed for which the date index names the unit."),
            Column.of(
                "won_dates", DATES, "The candidate dates whose rows this run took from the unit."),
            Column.of(
                    "status",
                    ColumnType.STRING,
                    "loaded (rows taken), empty (an empty unit won its date), superseded (another"
                        + " unit won every candidate date), rejected (every file rejected whole),"
                        + " or not_curated (a report or manifest status this job does not"
                        + " curate).")
                .notNull(),
            Column.of("files", ColumnType.INT, "Files of the unit that were read."),
            Column.of(
                "rows_read",
                ColumnType.BIGINT,
                "Data rows read from the unit for its won dates, rejected rows included."),
            Column.of("rows_written", ColumnType.BIGINT, "Rows of the unit written to its table."),
            Column.of(
                "rows_rejected",
                ColumnType.BIGINT,
                "Rows of the unit sent to quarantine, rows of files rejected whole included."),
            Column.of(
                "checksum",
                ColumnType.STRING,
                "MD5 (hex) of each file read, in manifest order, joined by commas; each was"
                    + " compared with the manifest's md5 where the manifest has one."),
            Column.of(
                "footer_check",
                ColumnType.STRING,
                "Result of checking Total_* footer lines against the rows: ok or mismatch with the"
                    + " figures; null when the files have no footer."),
            Column.of(
                "unknown_columns",
                STRINGS,
                "Report headers (or JSON attributes) the table does not define; their values are"
                    + " kept in the table's extra_columns."),
            Column.of(
                "unmapped_territories",
                STRINGS,
                "Territory names or codes with no ISO 3166-1 alpha-2 mapping; their rows have a"
                    + " null territory_code."),
            Column.of(
                "message",
                ColumnType.STRING,
                "Why files were rejected whole, or other notes; null when there are none."));

    return TableDefinition.builder("load_audit")
        .doc(
            "One row per raw unit that a curation run considered: what it read, wrote and rejected."
                + " Runs append; the latest row of a unit describes its current state.")
        .columns(columns)
        .partition(PartitionField.day("loaded_at"))
        .keyColumns("run_id", "unit_key")
        .build();
  }

  static TableDefinition quarantine() {
    List<Column> columns =
        List.of(
            Column.of("table_name", ColumnType.STRING, "The table the rows were meant for.")
                .notNull(),
            Column.of(
                "metric_date",
                ColumnType.DATE,
                "The rejected line's metric date, or null when it cannot be read or a whole file"
                    + " was rejected."),
            Column.of("unit_key", ColumnType.STRING, "Raw-zone key of the unit folder.").notNull(),
            Column.of(
                    "source_file",
                    ColumnType.STRING,
                    "Raw-zone key of the file, relative to the raw root.")
                .notNull(),
            Column.of(
                    "line_number",
                    ColumnType.BIGINT,
                    "Line in the file, counting the header as 1 (for JSON pages: the position in"
                        + " data); 0 when the whole file was rejected.")
                .notNull(),
            Column.of("reason", ColumnType.STRING, "Why the line or file was rejected.").notNull(),
            Column.of(
                "raw_line",
                ColumnType.STRING,
                "The line as read (for JSON pages: the element's JSON); null for a whole file."),
            Column.of("run_id", ColumnType.STRING, "The curation run that wrote the row.")
                .notNull(),
            CommonColumns.loadedAt());

    return TableDefinition.builder("quarantine")
        .doc(
            "Rejected rows and files of the current curated data: a run that recomputes a table's"
                + " dates replaces their rejects.")
        .columns(columns)
        .partition(PartitionField.identity("table_name"), PartitionField.day("metric_date"))
        .keyColumns("table_name", "source_file", "line_number")
        .build();
  }
}
