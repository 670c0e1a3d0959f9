package io.appstoreetl.extractor.imports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.appstoreetl.extractor.raw.AttemptIds;
import io.appstoreetl.extractor.raw.RawKeys;
import io.appstoreetl.extractor.raw.RawZone;
import io.appstoreetl.extractor.testing.MutableClock;
import io.appstoreetl.extractor.testing.TestSupport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestSalesFileImporter {
  private static final String HEADER_20 =
      "Provider\tProvider Country\tSKU\tDeveloper\tTitle\tVersion\tProduct Type Identifier\tUnits"
          + "\tDeveloper Proceeds\tBegin Date\tEnd Date\tCustomer Currency\tCountry Code"
          + "\tCurrency of Proceeds\tApple Identifier\tCustomer Price\tPromo Code\tParent Identifier"
          + "\tSubscription\tPeriod";
  private static final String HEADER_22 = HEADER_20 + "\tCategory\tCMB";
  private static final String HEADER_28 =
      HEADER_22
          + "\tDevice\tSupported Platforms\tProceeds Reason\tPreserved Pricing\tClient\tOrder Type";

  /** Today's layout, saved on Windows: a byte order mark, CRLF line ends and two report days. */
  private static final byte[] MODERN_28 =
      ("\uFEFF"
              + HEADER_28
              + "\r\n"
              + "APPLE\tUS\tSKU001\tExample Dev\tExample App\t2.1\t1F\t12\t0.70\t03/01/2025\t03/01/2025\tUSD\tUS\tUSD\t1000000001\t0.99\t\t\t\t\tGames\t\tiPhone\tiOS\t\t\t\t\r\n"
              + "APPLE\tUS\tSKU001\tExample Dev\tExample App\t2.1\t7F\t30\t0\t03/02/2025\t03/02/2025\tEUR\tDE\tEUR\t1000000001\t0\t\t\t\t\tGames\t\tiPad\tiOS\t\t\t\t\r\n"
              + "APPLE\tUS\tGEMS100\tExample Dev\t100 Gems\t\tIA1\t-1\t4.20\t03/02/2025\t03/02/2025\tGBP\tGB\tGBP\t1000000101\t-5.99\t\tSKU001\t\t\tGames\t\tiPhone\tiOS\t\t\t\t\r\n")
          .getBytes(StandardCharsets.UTF_8);

  /** The 2015 layout: every row ends in a tab (an empty CMB), categories hold spaces, JPY at 0. */
  private static final String LEGACY_22 =
      HEADER_22
          + "\n"
          + "APPLE\tUS\tAppOne\tExample Developer\tApp One\t2.2\t1\t1\t0\t02/28/2015\t02/28/2015\tJPY\tJP\tJPY\t200000001\t0\t \t \t \t \tSocial Networking\t\n"
          + "APPLE\tUS\tAppTwo\tExample Developer\tApp Two\t3.0\t7\t5\t0\t02/28/2015\t02/28/2015\tJPY\tJP\tJPY\t200000002\t0\t \t \t \t \tPhoto & Video\t\n";

  /** The 2011 layout: empty trailing fields hold a single space; types 1 and 7 side by side. */
  private static final byte[] LEGACY_20 =
      (HEADER_20
              + "\n"
              + "APPLE\tUS\tcom.example.guide\tExample Co\tExample Guide\t1.1.6\t7\t1\t0\t11/22/2011\t11/22/2011\tUSD\tUS\tUSD\t300000001\t0\t \t \t \t \n"
              + "APPLE\tUS\tcom.example.guide\tExample Co\tExample Guide\t1.1.6\t1\t35\t0\t11/22/2011\t11/22/2011\tUSD\tUS\tUSD\t300000001\t0\t \t \t \t \n")
          .getBytes(StandardCharsets.UTF_8);

  @TempDir Path dir;

  private Path root;
  private SalesFileImporter importer;

  @BeforeEach
  void setUp() throws IOException {
    root = Files.createDirectories(dir.resolve("raw"));
    MutableClock clock = new MutableClock(Instant.parse("2025-03-05T09:30:00.125Z"));
    importer =
        new SalesFileImporter(
            new RawZone(root, TestSupport.MAPPER), new AttemptIds(clock), clock, "0.1.0-test");
  }

  @Test
  void modernFileWithBomAndCrlf() throws IOException {
    Path file = write("S_D_80000001_20250302.txt", MODERN_28);

    ImportResult result = importer.importFiles(List.of(file)).results().get(0);

    assertThat(result.error()).isNull();
    assertThat(result.layout()).isEqualTo("28-column");
    assertThat(result.granularity()).isEqualTo("DAILY");
    assertThat(result.rowCount()).isEqualTo(3);
    assertThat(result.metricDates())
        .containsExactly(LocalDate.parse("2025-03-01"), LocalDate.parse("2025-03-02"));
    assertThat(result.unitKey())
        .matches(
            "source=sales/report=sales_summary/granularity=DAILY/report_date=2025-03-01/vendor=import/"
                + "landing=20250305T093000125Z-[0-9a-f]{8}/");
    String stored = TestSupport.sha256(MODERN_28).substring(0, 16) + ".txt";
    assertThat(Files.readAllBytes(root.resolve(result.unitKey() + stored))).isEqualTo(MODERN_28);

    JsonNode manifest = manifest(result);
    assertThat(manifest.path("source").asText()).isEqualTo("sales");
    assertThat(manifest.path("report").asText()).isEqualTo("sales_summary");
    assertThat(manifest.path("origin").asText()).isEqualTo("import");
    assertThat(manifest.path("vendor_number").isNull()).isTrue();
    assertThat(manifest.path("report_date").asText()).isEqualTo("2025-03-01");
    assertThat(manifest.path("report_version").isNull()).isTrue();
    assertThat(manifest.path("status").asText()).isEqualTo("complete");
    assertThat(manifest.path("metric_dates").toString())
        .isEqualTo("[\"2025-03-01\",\"2025-03-02\"]");
    assertThat(manifest.path("row_count").asLong()).isEqualTo(3);
    assertThat(manifest.path("original_file_name").asText()).isEqualTo("S_D_80000001_20250302.txt");
    assertThat(manifest.path("landed_at").asText()).isEqualTo("2025-03-05T09:30:00.125Z");
    JsonNode listed = manifest.path("files").get(0);
    assertThat(listed.path("path").asText()).isEqualTo(stored);
    assertThat(listed.path("size_bytes").asLong()).isEqualTo(MODERN_28.length);
    assertThat(listed.path("md5").asText()).isEqualTo(TestSupport.md5(MODERN_28));
    for (String date : List.of("2025-03-01", "2025-03-02")) {
      Path entry =
          root.resolve(
              "index/metric_date=" + date + "/" + RawKeys.sha256Prefix(result.unitKey()) + ".json");
      assertThat(TestSupport.MAPPER.readTree(entry.toFile()).path("unit").asText())
          .isEqualTo(result.unitKey());
    }
  }

  @Test
  void gzipped22ColumnFileWithTrailingTabs() throws IOException {
    byte[] gzipped = TestSupport.gzip(LEGACY_22);
    Path file = write("S_D_80000001_20150228.txt.gz", gzipped);

    ImportResult result = importer.importFiles(List.of(file)).results().get(0);

    assertThat(result.error()).isNull();
    assertThat(result.layout()).isEqualTo("22-column");
    assertThat(result.rowCount()).isEqualTo(2);
    assertThat(result.metricDates()).containsExactly(LocalDate.parse("2015-02-28"));
    String stored = TestSupport.sha256(gzipped).substring(0, 16) + ".txt.gz";
    assertThat(Files.readAllBytes(root.resolve(result.unitKey() + stored))).isEqualTo(gzipped);
    assertThat(manifest(result).path("report_date").asText()).isEqualTo("2015-02-28");
  }

  @Test
  void plain20ColumnFileWithSingleSpaceFields() throws IOException {
    Path file = write("sales-2011.tsv", LEGACY_20);

    ImportResult result = importer.importFiles(List.of(file)).results().get(0);

    assertThat(result.error()).isNull();
    assertThat(result.layout()).isEqualTo("20-column");
    assertThat(result.rowCount()).isEqualTo(2);
    assertThat(result.metricDates()).containsExactly(LocalDate.parse("2011-11-22"));
    String stored = TestSupport.sha256(LEGACY_20).substring(0, 16) + ".tsv";
    assertThat(Files.readAllBytes(root.resolve(result.unitKey() + stored))).isEqualTo(LEGACY_20);
  }

  @Test
  void gzipIsDetectedByMagicBytesNotName() throws IOException {
    byte[] gzipped = TestSupport.gzip(new String(LEGACY_20, StandardCharsets.UTF_8));
    Path file = write("download", gzipped);

    ImportResult result = importer.importFiles(List.of(file)).results().get(0);

    assertThat(result.error()).isNull();
    assertThat(result.rowCount()).isEqualTo(2);
    String stored = TestSupport.sha256(gzipped).substring(0, 16) + ".gz";
    assertThat(Files.readAllBytes(root.resolve(result.unitKey() + stored))).isEqualTo(gzipped);
  }

  @Test
  void missingRequiredColumnRejectsOnlyThatFile() throws IOException {
    Path good = write("S_D_80000001_20150228.txt", LEGACY_22.getBytes(StandardCharsets.UTF_8));
    Path noUnits =
        write(
            "S_D_1.txt",
            LEGACY_22.replace("\tUnits\t", "\tQuantity\t").getBytes(StandardCharsets.UTF_8));
    Path alsoGood = write("sales-2011.txt", LEGACY_20);

    SalesFileImporter.ImportRun run = importer.importFiles(List.of(good, noUnits, alsoGood));

    assertThat(run.anyRejected()).isTrue();
    assertThat(run.results()).extracting(ImportResult::landed).containsExactly(true, false, true);
    assertThat(run.results().get(1).error())
        .isEqualTo("Cannot import sales file S_D_1.txt: missing required column \"Units\"");
    assertThat(run.results().get(1).unitKey()).isNull();
    assertThat(manifest(run.results().get(0)).path("run_id").asText()).isEqualTo(run.runId());
    assertThat(manifest(run.results().get(2)).path("run_id").asText()).isEqualTo(run.runId());
    try (var folders =
        Files.list(root.resolve("source=sales/report=sales_summary/granularity=DAILY"))) {
      assertThat(folders.map(path -> path.getFileName().toString()))
          .containsExactlyInAnyOrder("report_date=2015-02-28", "report_date=2011-11-22");
    }
  }

  @Test
  void severalMissingColumnsAreAllNamed() throws IOException {
    Path file = write("S_D_2.txt", "SKU\tTitle\tBegin Date\n".getBytes(StandardCharsets.UTF_8));

    ImportResult result = importer.importFiles(List.of(file)).results().get(0);

    assertThat(result.error())
        .isEqualTo(
            "Cannot import sales file S_D_2.txt: missing required columns \"Product Type Identifier\","
                + " \"Units\", \"Developer Proceeds\", \"End Date\", \"Country Code\","
                + " \"Currency of Proceeds\", \"Apple Identifier\"");
  }

  @Test
  void weeklyFileLandsAsWeekly() throws IOException {
    String weekly =
        HEADER_20
            + "\n"
            + "APPLE\tUS\tSKU001\tExample Co\tExample App\t1.0\t1\t9\t0\t01/06/2025\t01/12/2025\tUSD\tUS\tUSD\t1000000001\t0\t \t \t \t \n";
    Path file = write("S_W_80000001_20250112.txt", weekly.getBytes(StandardCharsets.UTF_8));

    ImportResult result = importer.importFiles(List.of(file)).results().get(0);

    assertThat(result.granularity()).isEqualTo("WEEKLY");
    assertThat(result.unitKey())
        .startsWith("source=sales/report=sales_summary/granularity=WEEKLY/report_date=2025-01-06/");
  }

  @Test
  void invalidBeginDateIsRejectedWithLine() throws IOException {
    String bad =
        HEADER_20
            + "\n"
            + "APPLE\tUS\tSKU001\tExample Co\tExample App\t1.0\t1\t9\t0\t2025-01-06\t01/06/2025\tUSD\tUS\tUSD\t1000000001\t0\t \t \t \t \n";
    Path file = write("bad.txt", bad.getBytes(StandardCharsets.UTF_8));

    ImportResult result = importer.importFiles(List.of(file)).results().get(0);

    assertThat(result.error())
        .isEqualTo(
            "Cannot import sales file bad.txt: Invalid \"Begin Date\" value in bad.txt line 2:"
                + " \"2025-01-06\" (expected MM/DD/YYYY)");
  }

  @Test
  void footerLinesAreNotRows() throws IOException {
    String withFooter =
        HEADER_20
            + "\n"
            + "APPLE\tUS\tSKU001\tExample Co\tExample App\t1.0\t1\t9\t0\t01/06/2025\t01/06/2025\tUSD\tUS\tUSD\t1000000001\t0\t \t \t \t \n"
            + "Total_Rows\t1\n"
            + "Total_Units\t9\n";
    Path file = write("S_D_80000001_20250106.txt", withFooter.getBytes(StandardCharsets.UTF_8));

    ImportResult result = importer.importFiles(List.of(file)).results().get(0);

    assertThat(result.error()).isNull();
    assertThat(result.rowCount()).as("rows without the footer lines").isEqualTo(1);
    assertThat(result.metricDates()).containsExactly(LocalDate.of(2025, 1, 6));
  }

  @Test
  void headerOnlyFileIsRejected() throws IOException {
    Path file = write("empty.txt", (HEADER_28 + "\n").getBytes(StandardCharsets.UTF_8));

    ImportResult result = importer.importFiles(List.of(file)).results().get(0);

    assertThat(result.error()).isEqualTo("Cannot import sales file empty.txt: no data rows");
  }

  @Test
  void extensionFallsBackWhenUnsafe() {
    assertThat(SalesFileImporter.extension("report.txt", false)).isEqualTo("txt");
    assertThat(SalesFileImporter.extension("report.txt.gz", true)).isEqualTo("txt.gz");
    assertThat(SalesFileImporter.extension("report", true)).isEqualTo("gz");
    assertThat(SalesFileImporter.extension("report.t/x", false)).isEqualTo("txt");
    assertThat(SalesFileImporter.extension("report.", false)).isEqualTo("txt");
  }

  private Path write(String name, byte[] bytes) throws IOException {
    return Files.write(dir.resolve(name), bytes);
  }

  private JsonNode manifest(ImportResult result) throws IOException {
    return TestSupport.MAPPER.readTree(root.resolve(result.unitKey() + "manifest.json").toFile());
  }
}
