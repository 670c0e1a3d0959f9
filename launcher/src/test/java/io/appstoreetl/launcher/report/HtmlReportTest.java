package io.appstoreetl.launcher.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HtmlReportTest {
  // After the analytics reports are due (06:00 UTC), before the Sales and Trends ones (08:00 in
  // Cupertino), so sales are expected a day behind the analytics tables.
  private static final Instant NOW = Instant.parse("2025-07-10T07:00:00Z");
  private static final LocalDate FROM = LocalDate.of(2025, 7, 7);
  private static final LocalDate TO = LocalDate.of(2025, 7, 9);
  private static final String EVIL_NAME = "<script>alert(\"x\")</script> & 'Co' <img src=x>";

  @Test
  void appNamesAreEscaped() {
    ReportData data = new ReportData();
    data.name(1001L, EVIL_NAME, true);
    data.value(1001L, ReportData.DOWNLOADS, FROM, BigDecimal.TEN);

    String html = HtmlReport.render(data, FROM, TO, NOW);

    assertThat(html).doesNotContain("<script").doesNotContain("<img");
    assertThat(html)
        .contains(
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;Co&#39; &lt;img"
                + " src=x&gt; (1001)");
  }

  @Test
  void reviewTopicsAndSentimentAreShown() {
    ReportData data = new ReportData();
    data.value(1001L, ReportData.SENTIMENT, FROM, new BigDecimal("-0.25"));
    data.value(1001L, ReportData.SENTIMENT, TO, new BigDecimal("0.5"));
    data.topic(1001L, new ReportData.Topic(2, "price, <expensive>", 3));
    data.topic(1001L, new ReportData.Topic(1, "crashes, freezes", 7));

    String html = HtmlReport.render(data, FROM, TO, NOW);

    assertThat(html)
        .contains("data-metric=\"review_sentiment\"")
        .contains("Mean review sentiment (-1 to 1)")
        .contains(
            "<tr><td>1</td><td>crashes, freezes</td><td>7</td></tr>\n"
                + "<tr><td>2</td><td>price, &lt;expensive&gt;</td><td>3</td></tr>\n");
  }

  @Test
  void pageLoadsNothingFromNetwork() {
    ReportData data = new ReportData();
    data.name(1001L, "Example App", true);
    data.latest(1001L, "downloads", TO);
    data.value(1001L, ReportData.DOWNLOADS, FROM, BigDecimal.TEN);
    data.value(1001L, "proceeds:USD", TO, new BigDecimal("12.3400"));

    String html = HtmlReport.render(data, FROM, TO, NOW);

    Matcher references = Pattern.compile("(?i)\\b(src|href)\\s*=").matcher(html);
    assertThat(references.find()).as("src or href attributes in %s", html).isFalse();
    assertThat(html).doesNotContainPattern("(?i)https?://").doesNotContain("<script");
    assertThat(html)
        .contains(
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';"
                + " style-src 'unsafe-inline'\">");
  }

  @Test
  void pointsSitOnTheAxisScale() {
    ReportData data = new ReportData();
    data.value(1001L, ReportData.DOWNLOADS, FROM, new BigDecimal("30"));
    data.value(1001L, ReportData.DOWNLOADS, TO, new BigDecimal("50"));

    String html = HtmlReport.render(data, FROM, TO, NOW);

    // The axis runs from 0 to 50; the plot is 280 x 134 at (64, 16).
    assertThat(html)
        .contains("<text class=\"y-top\" x=\"60\" y=\"20\" text-anchor=\"end\">50</text>")
        .contains(
            "<circle class=\"point\" cx=\"64.00\" cy=\"69.60\" r=\"3\" data-date=\"2025-07-07\""
                + " data-value=\"30\">")
        .contains(
            "<circle class=\"point\" cx=\"344.00\" cy=\"16.00\" r=\"3\" data-date=\"2025-07-09\""
                + " data-value=\"50\">");
  }

  @Test
  void conversionIsDownloadsOverUniqueImpressions() {
    ReportData data = new ReportData();
    data.value(1001L, ReportData.DOWNLOADS, FROM, new BigDecimal("12"));
    data.value(1001L, ReportData.UNIQUE_IMPRESSIONS, FROM, new BigDecimal("400"));
    data.value(1001L, ReportData.UNIQUE_IMPRESSIONS, TO, BigDecimal.ZERO);

    assertThat(HtmlReport.conversion(data, 1001L)).containsOnlyKeys(FROM);
    assertThat(HtmlReport.conversion(data, 1001L).get(FROM)).isEqualByComparingTo("0.03");
  }

  @Test
  void niceBoundRoundsUp() {
    List<String> bounds =
        List.of("0", "1", "7", "13", "0.0523", "1000", "1001").stream()
            .map(value -> HtmlReport.niceBound(new BigDecimal(value)).toPlainString())
            .toList();

    assertThat(bounds).containsExactly("0", "1", "10", "20", "0.1", "1000", "2000");
  }

  @Test
  void freshnessUsesHealthSchedule() {
    assertThat(FreshnessRules.tables())
        .containsExactly(
            "downloads",
            "engagement",
            "sessions",
            "installs_deletions",
            "purchases",
            "crashes",
            "sales",
            "subscriptions",
            "subscription_events");
    assertThat(FreshnessRules.status("downloads", TO, NOW)).isEqualTo(FreshnessRules.Status.FRESH);
    assertThat(FreshnessRules.status("sales", TO.minusDays(1), NOW))
        .isEqualTo(FreshnessRules.Status.FRESH);
    assertThat(FreshnessRules.status("sales", TO.minusDays(3), NOW))
        .isEqualTo(FreshnessRules.Status.LATE);
    assertThat(FreshnessRules.lagDays("sales", TO.minusDays(3), NOW)).isEqualTo(2);
    assertThat(FreshnessRules.status("sessions", TO.minusDays(3), NOW))
        .isEqualTo(FreshnessRules.Status.STALE);
    assertThat(FreshnessRules.status("crashes", null, NOW)).isEqualTo(FreshnessRules.Status.NONE);
    assertThat(FreshnessRules.lagDays("engagement", TO.minusDays(5), NOW)).isEqualTo(5);
    // Before 06:00 UTC yesterday's analytics day is not due yet.
    assertThat(
            FreshnessRules.lagDays(
                "downloads", TO.minusDays(1), Instant.parse("2025-07-10T05:00:00Z")))
        .isZero();
  }
}
