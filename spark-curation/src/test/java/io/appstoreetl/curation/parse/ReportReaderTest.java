package io.appstoreetl.curation.parse;

import static io.appstoreetl.curation.testing.ReportText.DOWNLOADS_STANDARD_HEADER;
import static io.appstoreetl.curation.testing.ReportText.SALES_HEADER;
import static io.appstoreetl.curation.testing.ReportText.downloadsRow;
import static io.appstoreetl.curation.testing.ReportText.lines;
import static io.appstoreetl.curation.testing.ReportText.salesRow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.appstoreetl.tables.TableDefinition;
import io.appstoreetl.tables.Tables;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportReaderTest {
  private static final String FILE = "source=analytics/report=x/segment=s.gz";

  @Test
  void readsDownloadsRowByHeader() throws Exception {
    List<LineResult> results =
        read(
            Tables.DOWNLOADS,
            ReportFormat.ANALYTICS,
            lines(
                DOWNLOADS_STANDARD_HEADER,
                downloadsRow(
                    "2025-01-07", 1000000001L, "First-time download", "United States", 12)));

    SourceRecord record = onlyRecord(results);
    assertThat(record.lineNumber()).isEqualTo(2);
    assertThat(value(Tables.DOWNLOADS, record, "metric_date")).isEqualTo(LocalDate.of(2025, 1, 7));
    assertThat(value(Tables.DOWNLOADS, record, "app_apple_id")).isEqualTo(1000000001L);
    assertThat(value(Tables.DOWNLOADS, record, "download_type")).isEqualTo("First-time download");
    assertThat(value(Tables.DOWNLOADS, record, "territory")).isEqualTo("United States");
    assertThat(value(Tables.DOWNLOADS, record, "counts")).isEqualTo(12L);
    assertThat(value(Tables.DOWNLOADS, record, "pre_order")).isNull();
    assertThat(value(Tables.DOWNLOADS, record, "source_info")).isNull();
    assertThat(record.extraColumns()).isEmpty();
  }

  @Test
  void readsReorderedColumnsByName() throws Exception {
    String text =
        lines(
            "Counts\tTerritory\tApp Apple Identifier\tDate\tDownload Type",
            "7\tFrance\t1000000001\t2025-01-08\tRedownload");

    SourceRecord record = onlyRecord(read(Tables.DOWNLOADS, ReportFormat.ANALYTICS, text));

    assertThat(value(Tables.DOWNLOADS, record, "counts")).isEqualTo(7L);
    assertThat(value(Tables.DOWNLOADS, record, "territory")).isEqualTo("France");
    assertThat(value(Tables.DOWNLOADS, record, "metric_date")).isEqualTo(LocalDate.of(2025, 1, 8));
    assertThat(value(Tables.DOWNLOADS, record, "download_type")).isEqualTo("Redownload");
    assertThat(value(Tables.DOWNLOADS, record, "app_name")).isNull();
  }

  @Test
  void matchesHeadersIgnoringCaseAndSpaces() throws Exception {
    String text = lines(" date \tAPP APPLE IDENTIFIER\tcounts ", "2025-01-07\t1000000001\t3");

    SourceRecord record = onlyRecord(read(Tables.DOWNLOADS, ReportFormat.ANALYTICS, text));

    assertThat(value(Tables.DOWNLOADS, record, "counts")).isEqualTo(3L);
  }

  @Test
  void acceptsByteOrderMarkAndCrlf() throws Exception {
    String text = "\uFEFFDate\tApp Apple Identifier\tCounts\r\n2025-01-07\t1000000001\t3\r\n";

    SourceRecord record = onlyRecord(read(Tables.DOWNLOADS, ReportFormat.ANALYTICS, text));

    assertThat(value(Tables.DOWNLOADS, record, "counts")).isEqualTo(3L);
    assertThat(record.extraColumns()).isEmpty();
  }

  @Test
  void quotedEmptyValuesAreNull() throws Exception {
    String text =
        lines(
            "Date\tApp Apple Identifier\tCounts\tSource Info\tCampaign\tPre-Order\tPage Title",
            "2025-01-07\t1000000001\t16\t\"\"\t\"\"\t\"\"\tDefault custom product page");

    SourceRecord record = onlyRecord(read(Tables.DOWNLOADS, ReportFormat.ANALYTICS, text));

    assertThat(value(Tables.DOWNLOADS, record, "source_info")).isNull();
    assertThat(value(Tables.DOWNLOADS, record, "campaign")).isNull();
    assertThat(value(Tables.DOWNLOADS, record, "pre_order")).isNull();
    assertThat(value(Tables.DOWNLOADS, record, "page_title"))
        .isEqualTo("Default custom product page");
  }

  @Test
  void singleSpaceFieldsAreNull() throws Exception {
    String text =
        lines(SALES_HEADER, salesRow("APP1", "1F", "3", "0.70", "01/07/2025", "USD", 2001L, " "));

    SourceRecord record = onlyRecord(read(Tables.SALES, ReportFormat.SALES, text));

    assertThat(value(Tables.SALES, record, "promo_code")).isNull();
    assertThat(value(Tables.SALES, record, "parent_identifier")).isNull();
    assertThat(value(Tables.SALES, record, "subscription")).isNull();
    assertThat(value(Tables.SALES, record, "category")).isEqualTo("Games");
  }

  @Test
  void keepsTrailingEmptyField() throws Exception {
    // The 2015 layout ends at CMB, which is empty in most rows: the line ends in a tab.
    String header = SALES_HEADER.substring(0, SALES_HEADER.indexOf("\tDevice"));
    String row =
        "APPLE\tUS\tAPP1\tDev\tApp One\t2.2\t1\t1\t0\t02/28/2015\t02/28/2015\tJPY\tJP\tJPY"
            + "\t1234567\t0\t \t \t \t \tSocial Networking\t";

    SourceRecord record = onlyRecord(read(Tables.SALES, ReportFormat.SALES, lines(header, row)));

    assertThat(value(Tables.SALES, record, "category")).isEqualTo("Social Networking");
    assertThat(value(Tables.SALES, record, "cmb")).isNull();
    assertThat(value(Tables.SALES, record, "customer_currency")).isEqualTo("JPY");
  }

  @Test
  void readsDecimalsWithoutLeadingZero() throws Exception {
    String text =
        lines(SALES_HEADER, salesRow("APP1", "1F", "10", ".99", "01/07/2025", "USD", 2001L, " "));

    SourceRecord record = onlyRecord(read(Tables.SALES, ReportFormat.SALES, text));

    assertThat(value(Tables.SALES, record, "developer_proceeds"))
        .isEqualTo(new BigDecimal("0.9900"));
    assertThat(value(Tables.SALES, record, "units")).isEqualTo(new BigDecimal("10.00"));
  }

  @Test
  void readsBothSalesDateForms() throws Exception {
    String text =
        lines(
            SALES_HEADER,
            salesRow("APP1", "1F", "1", "0.70", "02/28/2015", "USD", 2001L, " "),
            salesRow("APP1", "1F", "1", "0.70", "3/5/12", "USD", 2001L, " "));

    List<LineResult> results = read(Tables.SALES, ReportFormat.SALES, text);

    assertThat(results).hasSize(2);
    assertThat(value(Tables.SALES, (SourceRecord) results.get(0), "begin_date"))
        .isEqualTo(LocalDate.of(2015, 2, 28));
    assertThat(value(Tables.SALES, (SourceRecord) results.get(1), "begin_date"))
        .isEqualTo(LocalDate.of(2012, 3, 5));
    assertThat(value(Tables.SALES, (SourceRecord) results.get(1), "end_date"))
        .isEqualTo(LocalDate.of(2012, 3, 5));
  }

  @Test
  void skipsTotalFooters() throws Exception {
    String text =
        lines(
            SALES_HEADER,
            salesRow("APP1", "1F", "1", "0.70", "01/07/2025", "USD", 2001L, " "),
            "Total_Rows\t1",
            "Total_Amount\t0.70",
            "Total_Units\t1");

    ReportReader reader = open(Tables.SALES, ReportFormat.SALES, text);
    List<LineResult> results = reader.readAll();

    assertThat(results).hasSize(1);
    assertThat(results.get(0)).isInstanceOf(SourceRecord.class);
    assertThat(reader.footers())
        .containsExactly(
            Map.entry("Total_Rows", "1"),
            Map.entry("Total_Amount", "0.70"),
            Map.entry("Total_Units", "1"));
    assertThat(reader.dataLines()).isEqualTo(1);
  }

  @Test
  void analyticsTotalLineIsData() throws Exception {
    // Only formats with footers treat Total_ lines specially; here it is a malformed row.
    String text = lines("Date\tApp Apple Identifier\tCounts", "Total_Rows\t1");

    RejectedLine reject = onlyReject(read(Tables.DOWNLOADS, ReportFormat.ANALYTICS, text));

    assertThat(reject.reason()).isEqualTo("Invalid row: 2 fields (expected 3, as in the header)");
  }

  @Test
  void nulCharacterMidFileFailsTheRead() throws Exception {
    // The NUL comes after the first 4 KiB, which are checked when the file is opened.
    String row = "2025-01-07\t1000000001\t3";
    String text =
        lines("Date\tApp Apple Identifier\tCounts", (row + "\n").repeat(300) + "\u0000\u0001");
    ReportReader reader = open(Tables.DOWNLOADS, ReportFormat.ANALYTICS, text);
    for (int i = 0; i < 300; i++) {
      assertThat(reader.next()).isInstanceOf(SourceRecord.class);
    }

    assertThatThrownBy(reader::hasNext)
        .isInstanceOf(java.io.UncheckedIOException.class)
        .hasRootCauseMessage("binary content: NUL character in line 302");
  }

  @Test
  void headerAliasFeedsColumn() throws Exception {
    String text =
        lines(
            "Start Date\tQuantity\tExtended Partner Share\tPartner Share Currency\tSale or Return",
            "08/31/2014\t-1\t-12.17\tEUR\tR");

    SourceRecord record = onlyRecord(read(Tables.FINANCE, ReportFormat.FINANCE, text));

    assertThat(value(Tables.FINANCE, record, "sales_or_return")).isEqualTo("R");
    assertThat(value(Tables.FINANCE, record, "quantity")).isEqualTo(-1L);
    assertThat(record.extraColumns()).isEmpty();
  }

  @Test
  void headerAndAliasTogetherRejectFile() {
    String text =
        lines(
            "Start Date\tQuantity\tExtended Partner Share\tPartner Share Currency\tSale or Return"
                + "\tSales or Return",
            "08/31/2014\t1\t12.17\tEUR\tS\tS");

    assertThatThrownBy(() -> read(Tables.FINANCE, ReportFormat.FINANCE, text))
        .isInstanceOf(RawFileException.class)
        .hasMessage(
            "Cannot read raw file "
                + FILE
                + ": columns \"Sale or Return\" and \"Sales or Return\" both name sales_or_return");
  }

  @Test
  void extraHeadersListedInFileOrder() throws Exception {
    ReportReader reader =
        open(
            Tables.DOWNLOADS,
            ReportFormat.ANALYTICS,
            lines("Zeta\tDate\tApp Apple Identifier\tCounts\tAlpha", "z\t2025-01-07\t1\t3\ta"));

    assertThat(reader.extraHeaders()).containsExactly("Zeta", "Alpha");
  }

  @Test
  void skipsEmptyLines() throws Exception {
    String text =
        lines(
            DOWNLOADS_STANDARD_HEADER,
            "",
            downloadsRow("2025-01-07", 1000000001L, "Redownload", "Japan", 4),
            "");

    SourceRecord record = onlyRecord(read(Tables.DOWNLOADS, ReportFormat.ANALYTICS, text));

    assertThat(record.lineNumber()).isEqualTo(3);
  }

  @Test
  void skipsBlankLinesAroundHeader() throws Exception {
    String text =
        lines(
            "",
            "  ",
            DOWNLOADS_STANDARD_HEADER,
            " \t ",
            downloadsRow("2025-01-07", 1000000001L, "Redownload", "Japan", 4));

    SourceRecord record = onlyRecord(read(Tables.DOWNLOADS, ReportFormat.ANALYTICS, text));

    assertThat(record.lineNumber()).as("line number counts the skipped lines").isEqualTo(5);
  }

  @Test
  void blankFileRejectsFile() {
    assertThatThrownBy(() -> read(Tables.DOWNLOADS, ReportFormat.ANALYTICS, "\n  \n\t\n"))
        .isInstanceOf(RawFileException.class)
        .hasMessage("Cannot read raw file " + FILE + ": no header line");
  }

  @Test
  void rejectsHugeDecimalExponentWithoutExpandingIt() throws Exception {
    String text =
        lines(
            SALES_HEADER,
            salesRow("APP1", "1F", "1E+99999999", "0.70", "01/07/2025", "USD", 2001L, " "),
            salesRow("APP1", "1F", "1E-99999999", "0.70", "01/07/2025", "USD", 2001L, " "),
            salesRow("APP1", "1F", "0E+99999999", "0.70", "01/07/2025", "USD", 2001L, " "));

    List<LineResult> results = read(Tables.SALES, ReportFormat.SALES, text);

    assertThat(results).hasSize(3);
    assertThat(((RejectedLine) results.get(0)).reason())
        .isEqualTo(
            "Invalid Units: 1E+99999999 (expected at most 16 digits before the decimal point)");
    assertThat(((RejectedLine) results.get(1)).reason())
        .isEqualTo("Invalid Units: 1E-99999999 (expected at most 2 decimal places)");
    assertThat(value(Tables.SALES, (SourceRecord) results.get(2), "units"))
        .isEqualTo(new BigDecimal("0.00"));
  }

  @Test
  void rejectsWrongFieldCountWithLineNumber() throws Exception {
    String text =
        lines(
            DOWNLOADS_STANDARD_HEADER,
            downloadsRow("2025-01-07", 1000000001L, "Redownload", "Japan", 4),
            "2025-01-07\tExample App\t1000000001\tRedownload\t4.2");

    List<LineResult> results = read(Tables.DOWNLOADS, ReportFormat.ANALYTICS, text);

    assertThat(results).hasSize(2);
    RejectedLine reject = (RejectedLine) results.get(1);
    assertThat(reject.sourceFile()).isEqualTo(FILE);
    assertThat(reject.lineNumber()).isEqualTo(3);
    assertThat(reject.reason()).isEqualTo("Invalid row: 5 fields (expected 12, as in the header)");
    assertThat(reject.metricDate()).isEqualTo(LocalDate.of(2025, 1, 7));
    assertThat(reject.line()).isEqualTo("2025-01-07\tExample App\t1000000001\tRedownload\t4.2");
    assertThat(reject.describe()).isEqualTo(FILE + ":3: " + reject.reason());
  }

  @Test
  void rejectsValueOfWrongType() throws Exception {
    String text = lines("Date\tApp Apple Identifier\tCounts", "2025-01-07\t1000000001\tmany");

    RejectedLine reject = onlyReject(read(Tables.DOWNLOADS, ReportFormat.ANALYTICS, text));

    assertThat(reject.reason()).isEqualTo("Invalid Counts: many (expected an integer)");
    assertThat(reject.lineNumber()).isEqualTo(2);
  }

  @Test
  void rejectsAnalyticsDateInSalesForm() throws Exception {
    String text = lines("Date\tApp Apple Identifier\tCounts", "01/07/2025\t1000000001\t3");

    RejectedLine reject = onlyReject(read(Tables.DOWNLOADS, ReportFormat.ANALYTICS, text));

    assertThat(reject.reason()).isEqualTo("Invalid Date: 01/07/2025 (expected YYYY-MM-DD)");
    assertThat(reject.metricDate()).isNull();
  }

  @Test
  void rejectsEmptyRequiredValue() throws Exception {
    String text = lines("Date\tApp Apple Identifier\tCounts", "2025-01-07\t \t3");

    RejectedLine reject = onlyReject(read(Tables.DOWNLOADS, ReportFormat.ANALYTICS, text));

    assertThat(reject.reason()).isEqualTo("Invalid App Apple Identifier: empty (expected a value)");
  }

  @Test
  void rejectsDecimalWithTooManyPlaces() throws Exception {
    String text =
        lines(
            SALES_HEADER, salesRow("APP1", "1F", "1.234", "0.70", "01/07/2025", "USD", 2001L, " "));

    RejectedLine reject = onlyReject(read(Tables.SALES, ReportFormat.SALES, text));

    assertThat(reject.reason())
        .isEqualTo("Invalid Units: 1.234 (expected at most 2 decimal places)");
    assertThat(reject.metricDate()).isEqualTo(LocalDate.of(2025, 1, 7));
  }

  @Test
  void keepsUnknownColumnsInExtraColumns() throws Exception {
    String text =
        lines(
            "Date\tApp Apple Identifier\tCounts\tProcessing Date\tNew Metric",
            "2025-01-07\t1000000001\t590\t2025-01-08\t\"\"");

    SourceRecord record = onlyRecord(read(Tables.DOWNLOADS, ReportFormat.ANALYTICS, text));

    Map<String, String> expected = new java.util.LinkedHashMap<>();
    expected.put("Processing Date", "2025-01-08");
    expected.put("New Metric", null);
    assertThat(record.extraColumns()).containsExactlyEntriesOf(expected);
  }

  @Test
  void missingRequiredColumnRejectsFile() {
    String text = lines("Date\tApp Apple Identifier\tTerritory", "2025-01-07\t1000000001\tJapan");

    assertThatThrownBy(() -> read(Tables.DOWNLOADS, ReportFormat.ANALYTICS, text))
        .isInstanceOf(RawFileException.class)
        .hasMessage("Cannot read raw file " + FILE + ": missing required column \"Counts\"");
  }

  @Test
  void missingRequiredColumnsAreAllNamed() {
    String text = lines("Date\tEvent\tCounts", "2025-01-07\tImpression\t3");

    assertThatThrownBy(() -> read(Tables.ENGAGEMENT, ReportFormat.ANALYTICS, text))
        .isInstanceOf(RawFileException.class)
        .hasMessage(
            "Cannot read raw file "
                + FILE
                + ": missing required columns \"App Apple Identifier\", \"Unique Counts\"");
  }

  @Test
  void duplicateHeaderRejectsFile() {
    String text = lines("Date\tApp Apple Identifier\tCounts\tcounts", "2025-01-07\t1\t3\t4");

    assertThatThrownBy(() -> read(Tables.DOWNLOADS, ReportFormat.ANALYTICS, text))
        .isInstanceOf(RawFileException.class)
        .hasMessage("Cannot read raw file " + FILE + ": duplicate column \"counts\"");
  }

  @Test
  void emptyFileRejectsFile() {
    assertThatThrownBy(() -> read(Tables.DOWNLOADS, ReportFormat.ANALYTICS, ""))
        .isInstanceOf(RawFileException.class)
        .hasMessage("Cannot read raw file " + FILE + ": no header line");
  }

  private static List<LineResult> read(TableDefinition table, ReportFormat format, String text)
      throws IOException, RawFileException {
    return open(table, format, text).readAll();
  }

  private static ReportReader open(TableDefinition table, ReportFormat format, String text)
      throws IOException, RawFileException {
    ByteArrayInputStream in = new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    String metricDateColumn = table == Tables.SALES ? "begin_date" : "metric_date";
    if (table == Tables.FINANCE) {
      metricDateColumn = "start_date";
    }
    return ReportReader.open(FILE, in, table, format, metricDateColumn);
  }

  private static SourceRecord onlyRecord(List<LineResult> results) {
    assertThat(results).hasSize(1);
    assertThat(results.get(0)).isInstanceOf(SourceRecord.class);
    return (SourceRecord) results.get(0);
  }

  private static RejectedLine onlyReject(List<LineResult> results) {
    assertThat(results).hasSize(1);
    assertThat(results.get(0)).isInstanceOf(RejectedLine.class);
    return (RejectedLine) results.get(0);
  }

  private static Object value(TableDefinition table, SourceRecord record, String column) {
    return record.values()[table.indexOf(column)];
  }
}
