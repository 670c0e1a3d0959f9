package io.appstoreetl.tables;

import java.util.List;

/** Columns and column builders that several table families share. */
final class CommonColumns {

  private CommonColumns() {}

  /** Returns a nullable STRING column read from {@code header}. */
  static Column text(String name, String header, String doc) {
    return Column.of(name, ColumnType.STRING, doc).fromHeader(header);
  }

  /** Returns a nullable BIGINT column read from {@code header}. */
  static Column count(String name, String header, String doc) {
    return Column.of(name, ColumnType.BIGINT, doc).fromHeader(header);
  }

  static Column granularity() {
    return Column.of(
            "granularity", ColumnType.STRING, "DAILY, WEEKLY or MONTHLY: the report's granularity.")
        .notNull();
  }

  /**
   * Returns the ISO 3166-1 alpha-2 column that the job derives from the territory column {@code
   * territoryColumn}.
   */
  static Column territoryCode(String territoryColumn) {
    return Column.of(
        "territory_code",
        ColumnType.STRING,
        "ISO 3166-1 alpha-2 code of "
            + territoryColumn
            + ", mapped by the job; null when "
            + territoryColumn
            + " is null or has no mapping (reported in load_audit.unmapped_territories).");
  }

  /**
   * Returns the lineage columns that end every report table: {@code report_variant}, {@code
   * processing_date}, {@code source_file}, {@code loaded_at} and {@code extra_columns}.
   */
  static List<Column> lineage(String variantDoc, String processingDateDoc) {
    return List.of(
        Column.of("report_variant", ColumnType.STRING, variantDoc).notNull(),
        Column.of("processing_date", ColumnType.DATE, processingDateDoc).notNull(),
        sourceFile(),
        loadedAt(),
        extraColumns(
            "Report columns this table does not define, by header name as in the file; empty when"
                + " there are none."));
  }

  static Column sourceFile() {
    return Column.of(
            "source_file",
            ColumnType.STRING,
            "Raw-zone key of the file the row came from, relative to the raw root.")
        .notNull();
  }

  static Column loadedAt() {
    return Column.of(
            "loaded_at",
            ColumnType.TIMESTAMP,
            "UTC time the curation run wrote the row (timestamp without time zone).")
        .notNull();
  }

  static Column extraColumns(String doc) {
    return Column.of("extra_columns", ColumnType.MAP_STRING_STRING, doc);
  }

  static Column vendorNumber(String doc) {
    return Column.of("vendor_number", ColumnType.STRING, doc);
  }
}
