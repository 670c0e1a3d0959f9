package io.appstoreetl.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Imports the bad-input corpus ({@code src/test/resources/bad-inputs/}) in one {@code import} call
 * and checks each file's outcome against {@code expected.tsv}: the rows it yields in {@code sales},
 * the reason it is quarantined with, or the reason the import rejects it.
 *
 * <p>{@code expected.tsv} has one line per file: its name, a tab, then {@code rows=<n>}, {@code
 * quarantined=<reason>} or {@code rejected=<reason>}. A rejection reason is the import's message
 * after {@code Cannot import sales file <name>: }. Files named {@code generated-*} are too big to
 * commit and are written by {@link #generate}.
 *
 * <p>The outcome of every file is also written to {@code target/bad-inputs/outcomes.tsv}, ending
 * with {@code bad_inputs=<n> handled=<n> crashed=<n>}, which {@code bench/bad-inputs.sh} prints. A
 * file is handled when its outcome is the expected one. It crashed when it has no outcome at all
 * (no rejection, no rows and no quarantine entry), for example because the curation job failed.
 */
class BadInputCorpusTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CORPUS = "bad-inputs";
  private static final String GENERATED_PREFIX = "generated-";
  private static final String HEADER_28 =
      "Provider\tProvider Country\tSKU\tDeveloper\tTitle\tVersion\tProduct Type Identifier\tUnits"
          + "\tDeveloper Proceeds\tBegin Date\tEnd Date\tCustomer Currency\tCountry Code"
          + "\tCurrency of Proceeds\tApple Identifier\tCustomer Price\tPromo Code\tParent Identifier"
          + "\tSubscription\tPeriod\tCategory\tCMB\tDevice\tSupported Platforms\tProceeds Reason"
          + "\tPreserved Pricing\tClient\tOrder Type";
  private static final int LONG_TITLE_CHARS = 1_000_000; // within the importer's 1 MiB line limit
  private static final int WIDE_COLUMN_COUNT = 10_000;

  @TempDir Path directory;

  @Test
  void corpusFilesHaveExpectedOutcomes() throws IOException {
    Path corpus = corpusDirectory();
    Map<String, String> expected = readExpected(corpus.resolve("expected.tsv"));
    Path inputs = Files.createDirectories(directory.resolve("inputs"));
    Path lake = directory.resolve("lake");
    List<String> arguments =
        new ArrayList<>(List.of("import", "--lake", lake.toString(), "--spark-master", "local[2]"));
    for (String name : expected.keySet()) {
      Path input = inputs.resolve(name);
      if (name.startsWith(GENERATED_PREFIX)) {
        generate(name, input);
      } else {
        Files.copy(corpus.resolve(name), input);
      }
      arguments.add(input.toString());
    }

    LauncherRun.Result imported = LauncherRun.run(arguments.toArray(String[]::new));
    Map<String, JsonNode> importResults = readImportSummary(lake);
    Map<String, List<Map<String, JsonNode>>> tables =
        Map.of("sales", List.of(), "quarantine", List.of());
    AssertionError queryFailure = null;
    try {
      tables = TableRows.readTables(lake, directory.resolve("tables.jsonl"), "sales", "quarantine");
    } catch (AssertionError e) {
      // Files that landed then have no outcome and count as crashed in the tally written below.
      queryFailure = e;
    }

    Map<String, String> actual = new LinkedHashMap<>();
    for (String name : expected.keySet()) {
      actual.put(name, outcome(inputs.resolve(name).toString(), importResults, tables));
    }
    long handled =
        expected.keySet().stream().filter(n -> expected.get(n).equals(actual.get(n))).count();
    long crashed = actual.values().stream().filter(a -> a.startsWith("no outcome")).count();
    String tally = "bad_inputs=" + expected.size() + " handled=" + handled + " crashed=" + crashed;
    writeOutcomes(expected, actual, tally);

    assertThat(queryFailure).as("failure of the query of sales and quarantine").isNull();
    assertThat(imported.stderr())
        .as("the curation job ran to its end")
        .doesNotContain("Spark curation job failed");
    assertThat(imported.exitCode()).as("exit code when some files are rejected").isEqualTo(1);
    assertThat(actual).as("outcome of every corpus file").isEqualTo(expected);
    assertThat(tally)
        .isEqualTo("bad_inputs=" + expected.size() + " handled=" + expected.size() + " crashed=0");
    long valid = expected.values().stream().filter(e -> e.startsWith("rows=")).count();
    assertThat(valid * 3)
        .as("at least a third of the corpus is valid")
        .isGreaterThanOrEqualTo(expected.size());
  }

  /** Returns the file's outcome in the form of {@code expected.tsv}, or "no outcome: ...". */
  private static String outcome(
      String path,
      Map<String, JsonNode> importResults,
      Map<String, List<Map<String, JsonNode>>> tables) {
    JsonNode result = importResults.get(path);
    if (result == null) {
      return "no outcome: missing from the import summary";
    }
    if ("rejected".equals(result.path("status").asText())) {
      String name = Paths.get(path).getFileName().toString();
      String prefix = "Cannot import sales file " + name + ": ";
      String error = result.path("error").asText();
      return "rejected=" + (error.startsWith(prefix) ? error.substring(prefix.length()) : error);
    }

    String unit = result.path("unit").asText();
    long rows =
        tables.get("sales").stream()
            .filter(row -> row.get("source_file").asText().startsWith(unit))
            .count();
    TreeSet<String> reasons = new TreeSet<>();
    for (Map<String, JsonNode> reject : tables.get("quarantine")) {
      if (reject.get("unit_key").asText().equals(unit)) {
        reasons.add(reject.get("reason").asText());
      }
    }
    if (!reasons.isEmpty()) {
      return (rows > 0 ? "rows=" + rows + " " : "") + "quarantined=" + String.join(" | ", reasons);
    }

    return rows > 0 ? "rows=" + rows : "no outcome: landed, but no rows and no quarantine entry";
  }

  /** Writes the big corpus files that are not committed. */
  private static void generate(String name, Path target) throws IOException {
    String row28 =
        "APPLE\tUS\tSKU-LANTERN\tExample Studio\t%s\t2.1\t1F\t3\t0.70\t%s\t%s\tUSD\tUS\tUSD"
            + "\t5550001\t0.99\t\t\t\t\tGames\t\tiPhone\tiOS\t\t\t\t";
    switch (name) {
      case "generated-1mb-title.txt":
        Files.writeString(
            target,
            HEADER_28
                + "\n"
                + String.format(row28, "L".repeat(LONG_TITLE_CHARS), "05/01/2024", "05/01/2024")
                + "\n");
        break;
      case "generated-line-over-1mib.txt":
        Files.writeString(
            target,
            HEADER_28
                + "\n"
                + String.format(row28, "L".repeat(1024 * 1024), "05/02/2024", "05/02/2024")
                + "\n");
        break;
      case "generated-10000-columns.txt":
        StringBuilder header = new StringBuilder(HEADER_28);
        StringBuilder row =
            new StringBuilder(String.format(row28, "Lantern", "05/03/2024", "05/03/2024"));
        for (int i = 29; i <= WIDE_COLUMN_COUNT; i++) {
          header.append("\tExtra ").append(i);
          row.append('\t').append(i);
        }
        Files.writeString(target, header + "\n" + row + "\n");
        break;
      default:
        throw new IllegalArgumentException("Unknown generated corpus file: " + name);
    }
  }

  private static Path corpusDirectory() {
    try {
      return Paths.get(BadInputCorpusTest.class.getResource("/" + CORPUS + "/expected.tsv").toURI())
          .getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException("Cannot locate the " + CORPUS + " test resources", e);
    }
  }

  private static Map<String, String> readExpected(Path file) throws IOException {
    Map<String, String> expected = new LinkedHashMap<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      int tab = line.indexOf('\t');
      assertThat(tab).as("tab in expected.tsv line: %s", line).isPositive();
      expected.put(line.substring(0, tab), line.substring(tab + 1));
    }

    return expected;
  }

  /**
   * Returns the import summary's entries by absolute file path; none when the extractor wrote no
   * summary, so that every file counts as crashed.
   */
  private static Map<String, JsonNode> readImportSummary(Path lake) throws IOException {
    List<Path> summaries = List.of();
    if (Files.isDirectory(lake.resolve("runs"))) {
      try (Stream<Path> files = Files.list(lake.resolve("runs"))) {
        summaries = files.filter(f -> f.getFileName().toString().startsWith("import-")).toList();
      }
    }
    assertThat(summaries).as("import summaries").hasSizeLessThanOrEqualTo(1);

    Map<String, JsonNode> results = new LinkedHashMap<>();
    if (summaries.isEmpty()) {
      return results;
    }
    for (JsonNode file : JSON.readTree(summaries.get(0).toFile()).path("files")) {
      results.put(file.path("file").asText(), file);
    }
    return results;
  }

  private static void writeOutcomes(
      Map<String, String> expected, Map<String, String> actual, String tally) {
    StringBuilder text = new StringBuilder("file\texpected\tactual\n");
    expected.forEach(
        (name, outcome) ->
            text.append(name)
                .append('\t')
                .append(outcome)
                .append('\t')
                .append(outcome.equals(actual.get(name)) ? "same" : actual.get(name))
                .append('\n'));
    text.append(tally).append('\n');
    try {
      Path target = Files.createDirectories(Paths.get("target", CORPUS));
      Files.writeString(target.resolve("outcomes.tsv"), text);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the corpus outcomes", e);
    }
  }
}
