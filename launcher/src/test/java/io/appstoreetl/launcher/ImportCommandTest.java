package io.appstoreetl.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Imports Sales and Trends files in the three layouts users have in their archives, plus one file
 * that lacks a required column, and checks what reaches the {@code sales} table.
 */
class ImportCommandTest {

  private static final String HEADER_28 =
      "Provider\tProvider Country\tSKU\tDeveloper\tTitle\tVersion\tProduct Type Identifier\tUnits"
          + "\tDeveloper Proceeds\tBegin Date\tEnd Date\tCustomer Currency\tCountry Code"
          + "\tCurrency of Proceeds\tApple Identifier\tCustomer Price\tPromo Code\tParent Identifier"
          + "\tSubscription\tPeriod\tCategory\tCMB\tDevice\tSupported Platforms\tProceeds Reason"
          + "\tPreserved Pricing\tClient\tOrder Type";
  private static final String HEADER_22 =
      "Provider\tProvider Country\tSKU\tDeveloper\tTitle\tVersion\tProduct Type Identifier\tUnits"
          + "\tDeveloper Proceeds\tBegin Date\tEnd Date\tCustomer Currency\tCountry Code"
          + "\tCurrency of Proceeds\tApple Identifier\tCustomer Price\tPromo Code\tParent Identifier"
          + "\tSubscription\tPeriod\tCategory\tCMB";
  private static final String HEADER_20 =
      "Provider\tProvider Country\tSKU\tDeveloper\tTitle\tVersion\tProduct Type Identifier\tUnits"
          + "\tDeveloper Proceeds\tBegin Date\tEnd Date\tCustomer Currency\tCountry Code"
          + "\tCurrency of Proceeds\tApple Identifier\tCustomer Price\tPromo Code\tParent Identifier"
          + "\tSubscription\tPeriod";

  @TempDir Path directory;

  @Test
  void importLoadsAllLayoutsAndRejectsMissingColumn() throws IOException {
    Path modern = directory.resolve("S_D_80000001_20250115.txt.gz");
    writeGzip(
        modern,
        HEADER_28
            + "\n"
            + "APPLE\tUS\tSKU-LANTERN\tExample Studio\tLantern\t2.1\t1F\t12\t0.70\t01/15/2025"
            + "\t01/15/2025\tUSD\tUS\tUSD\t5550001\t0.99\t\t\t\t\tGames\t\tiPhone\tiOS\t\t\t\t\n"
            + "APPLE\tUS\tlantern.coins\tExample Studio\tCoins\t\tIA1\t3\t350\t01/15/2025"
            + "\t01/15/2025\tJPY\tJP\tJPY\t5550002\t500\t\tSKU-LANTERN\t\t\tGames\t\tiPhone\tiOS"
            + "\t\t\t\t\n"
            + "APPLE\tUS\tSKU-LANTERN\tExample Studio\tLantern\t2.1\t1F\t-1\t.70\t01/15/2025"
            + "\t01/15/2025\tUSD\tUS\tUSD\t5550001\t-0.99\t\t\t\t\tGames\t\tiPhone\tiOS\t\t\t\t\n");

    // 2015 layout: every row ends in a tab, the empty last field.
    Path layout22 = directory.resolve("S_D_80000001_20150228.tsv");
    Files.writeString(
        layout22,
        HEADER_22
            + "\n"
            + "APPLE\tUS\tHarborApp\tExample Studio\tHarbor\t3.0\t1\t4\t0\t02/28/2015\t02/28/2015"
            + "\tJPY\tJP\tJPY\t7770001\t0\t \t \t \t \tSocial Networking\t\n"
            + "APPLE\tUS\tHarborApp\tExample Studio\tHarbor\t3.0\t7\t9\t0\t02/28/2015\t02/28/2015"
            + "\tJPY\tJP\tJPY\t7770001\t0\t \t \t \t \tSocial Networking\t\n");

    // 2011 layout: empty trailing fields hold a single space.
    Path layout20 = directory.resolve("S_D_80000001_20111122.txt");
    Files.writeString(
        layout20,
        HEADER_20
            + "\n"
            + "APPLE\tUS\tguide.app\tExample Studio\tGuide\t1.1\t1\t35\t1.40\t11/22/2011\t11/22/2011"
            + "\tUSD\tUS\tUSD\t4440001\t1.99\t \t \t \t \n"
            + "APPLE\tUS\tguide.app\tExample Studio\tGuide\t1.1\t7\t8\t0\t11/22/2011\t11/22/2011"
            + "\tUSD\tUS\tUSD\t4440001\t0\t \t \t \t \n");

    Path missingUnits = directory.resolve("S_D_80000001_20250116.txt");
    Files.writeString(
        missingUnits,
        HEADER_28.replace("\tUnits", "")
            + "\n"
            + "APPLE\tUS\tSKU-LANTERN\tExample Studio\tLantern\t2.1\t1F\t0.70\t01/16/2025"
            + "\t01/16/2025\tUSD\tUS\tUSD\t5550001\t0.99\t\t\t\t\tGames\t\tiPhone\tiOS\t\t\t\t\n");

    Path lake = directory.resolve("lake");
    LauncherRun.Result result =
        LauncherRun.run(
            "import",
            "--lake",
            lake.toString(),
            "--spark-master",
            "local[2]",
            modern.toString(),
            layout22.toString(),
            layout20.toString(),
            missingUnits.toString());

    assertThat(result.exitCode()).as("exit code when one file is rejected").isEqualTo(1);
    assertThat(result.stdout())
        .contains("Rejected " + missingUnits)
        .contains("S_D_80000001_20250116.txt: missing required column \"Units\"")
        .contains("Landed " + modern)
        .contains("Landed " + layout22)
        .contains("Landed " + layout20);

    Map<String, List<Map<String, JsonNode>>> tables =
        TableRows.readTables(lake, directory.resolve("sales.jsonl"), "sales");
    Map<String, List<Map<String, JsonNode>>> byDate =
        TableRows.groupBy(tables.get("sales"), "metric_date");
    assertThat(byDate.keySet())
        .containsExactlyInAnyOrder("2025-01-15|", "2015-02-28|", "2011-11-22|");
    assertThat(byDate.get("2025-01-15|")).hasSize(3);
    assertThat(byDate.get("2015-02-28|")).hasSize(2);
    assertThat(byDate.get("2011-11-22|")).hasSize(2);

    Map<String, JsonNode> refund = onlyRow(byDate.get("2025-01-15|"), "units", "-1");
    assertThat(decimal(refund, "proceeds")).isEqualTo("-0.7");
    assertThat(decimal(refund, "customer_price")).isEqualTo("-0.99");
    Map<String, JsonNode> inAppPurchase =
        onlyRow(byDate.get("2025-01-15|"), "product_type_identifier", "IA1");
    assertThat(decimal(inAppPurchase, "proceeds")).isEqualTo("1050");
    assertThat(inAppPurchase.get("currency_of_proceeds").asText()).isEqualTo("JPY");
    assertThat(inAppPurchase.get("app_apple_id").asLong())
        .as("in-app purchase attributed to its parent app through its SKU")
        .isEqualTo(5550001L);
    Map<String, JsonNode> oldDownload =
        onlyRow(byDate.get("2011-11-22|"), "product_type_identifier", "1");
    assertThat(oldDownload.get("is_first_time_download").asBoolean()).isTrue();
    assertThat(decimal(oldDownload, "proceeds")).isEqualTo("49");
    assertThat(oldDownload.get("promo_code").isNull()).as("single-space field is null").isTrue();
    Map<String, JsonNode> update =
        onlyRow(byDate.get("2015-02-28|"), "product_type_identifier", "7");
    assertThat(update.get("is_first_time_download").asBoolean()).isFalse();
    assertThat(update.get("category").asText()).isEqualTo("Social Networking");
  }

  private static Map<String, JsonNode> onlyRow(
      List<Map<String, JsonNode>> rows, String column, String value) {
    List<Map<String, JsonNode>> matches =
        rows.stream()
            .filter(row -> TableRows.normalise(row.get(column).asText()).equals(value))
            .toList();
    assertThat(matches).as("rows with %s = %s", column, value).hasSize(1);
    return matches.get(0);
  }

  private static String decimal(Map<String, JsonNode> row, String column) {
    return TableRows.normalise(row.get(column).asText());
  }

  private static void writeGzip(Path file, String text) throws IOException {
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
  }
}
