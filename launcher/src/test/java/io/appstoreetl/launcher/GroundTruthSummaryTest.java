package io.appstoreetl.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.appstoreetl.sandbox.SandboxConfig;
import io.appstoreetl.sandbox.SandboxServer;
import io.appstoreetl.sandbox.ads.SearchTermTotal;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class GroundTruthSummaryTest {
  private static final LocalDate DATE = LocalDate.of(2025, 3, 10);

  @Test
  void printsSearchTermTotalsPerApp() throws IOException {
    SandboxConfig config =
        SandboxConfig.builder().today(DATE.plusDays(1)).historyStart(DATE.minusDays(3)).build();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    List<SearchTermTotal> truth;
    try (SandboxServer server = SandboxServer.start(config)) {
      new GroundTruthSummary(server.groundTruth(), config.appIds())
          .print(new PrintStream(bytes, true, StandardCharsets.UTF_8), DATE);
      truth = server.groundTruth().searchTermTotals(DATE, DATE);
    }
    String output = bytes.toString(StandardCharsets.UTF_8);

    long impressions =
        truth.stream()
            .filter(row -> row.appAppleId().equals("1000000001"))
            .mapToLong(SearchTermTotal::impressions)
            .sum();
    long terms =
        truth.stream()
            .filter(row -> row.appAppleId().equals("1000000001") && !row.undisclosed())
            .count();
    String line =
        output
            .lines()
            .filter(text -> text.startsWith("1000000001") && text.endsWith(" USD"))
            .findFirst()
            .orElseThrow();
    assertThat(output).contains("search_terms");
    assertThat(line.split("\\s+")[1]).isEqualTo(Long.toString(terms));
    assertThat(line.split("\\s+")[2]).isEqualTo(Long.toString(impressions));
    assertThat(output.lines().filter(text -> text.endsWith(" USD"))).hasSize(2);
    assertThat(output.lines().filter(text -> text.startsWith("1000000003") && text.endsWith("USD")))
        .as("the app without campaigns gets no search-terms line")
        .isEmpty();
  }
}
