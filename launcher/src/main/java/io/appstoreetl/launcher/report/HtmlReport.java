package io.appstoreetl.launcher.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Renders the report as one self-contained HTML page: inline CSS and inline SVG, no script, and a
 * Content-Security-Policy that forbids loading anything, so opening the file makes no request.
 *
 * <p>Each chart is an {@code svg.chart} with {@code data-app} and {@code data-metric}. Its plot
 * area is {@code rect.plot}; the y axis runs from the value printed in {@code text.y-bottom} at the
 * plot's bottom edge to the value in {@code text.y-top} at its top edge, linearly. The x axis
 * spreads the window's days evenly from the plot's left edge (first day) to its right edge (last
 * day). Each point is a {@code circle.point} with {@code data-date} and {@code data-value}. Every
 * text from the data, such as an app name, is escaped.
 */
public final class HtmlReport {

  static final int CHART_WIDTH = 360;
  static final int CHART_HEIGHT = 180;
  static final int PLOT_LEFT = 64;
  static final int PLOT_TOP = 16;
  static final int PLOT_WIDTH = 280;
  static final int PLOT_HEIGHT = 134;

  private static final MathContext RATIO = new MathContext(6, RoundingMode.HALF_EVEN);

  private static final String STYLE =
      """
      body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:24px;color:#1d1d1f}
      h1{font-size:22px}h2{font-size:18px;margin-top:32px}h3{font-size:16px;margin:24px 0 8px}
      table.freshness{border-collapse:collapse}
      table.freshness th,table.freshness td{border:1px solid #d2d2d7;padding:4px 8px;font-size:13px}
      table.freshness td{text-align:center;min-width:56px}
      td.fresh{background:#c9f2d0}td.late{background:#ffe8a3}td.stale{background:#ffb3ad}
      td.none{background:#eeeeee;color:#6e6e73}
      .legend span{display:inline-block;padding:2px 8px;margin-right:8px;font-size:12px}
      .charts{display:flex;flex-wrap:wrap;gap:12px}
      svg.chart{border:1px solid #d2d2d7;background:#fff}
      svg.chart text{font-size:11px;fill:#3a3a3c}
      svg.chart text.title{font-size:12px;font-weight:600}
      rect.plot{fill:#fafafa;stroke:#d2d2d7}
      polyline.line{fill:none;stroke:#0071e3;stroke-width:1.5}
      circle.point{fill:#0071e3}
      line.zero{stroke:#8e8e93;stroke-dasharray:3 3}
      p.empty{color:#6e6e73;font-size:13px}
      """;

  private HtmlReport() {}

  /**
   * Returns the page for the metric dates {@code from} to {@code to}, with freshness measured at
   * {@code now}.
   */
  public static String render(ReportData data, LocalDate from, LocalDate to, Instant now) {
    List<LocalDate> days = new ArrayList<>();
    for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
      days.add(day);
    }

    StringBuilder html = new StringBuilder();
    html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    html.append(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';"
            + " style-src 'unsafe-inline'\">\n");
    html.append("<title>App Store report ").append(from).append(" to ").append(to);
    html.append("</title>\n<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n");
    html.append("<h1>App Store report</h1>\n<p>Metric dates ")
        .append(from)
        .append(" to ")
        .append(to)
        .append(", freshness as of ")
        .append(now)
        .append(".</p>\n");

    freshness(html, data, now);
    html.append("<h2>Apps</h2>\n");
    if (data.appIds().isEmpty()) {
      html.append("<p class=\"empty\">The tables hold no app yet.</p>\n");
    }
    for (long appId : data.appIds()) {
      appSection(html, data, appId, days);
    }
    html.append("</body>\n</html>\n");

    return html.toString();
  }

  private static void freshness(StringBuilder html, ReportData data, Instant now) {
    html.append("<h2>Freshness</h2>\n<p class=\"legend\">Days behind the latest date Apple")
        .append(" should have published: <span style=\"background:#c9f2d0\">")
        .append("0: on time</span><span style=\"background:#ffe8a3\">1 to ")
        .append(FreshnessRules.LATE_DAYS)
        .append(": late</span><span style=\"background:#ffb3ad\">more: stale</span>")
        .append("<span style=\"background:#eeeeee\">none: no rows</span></p>\n");
    html.append("<table class=\"freshness\">\n<thead><tr><th>App</th>");
    for (String table : FreshnessRules.tables()) {
      html.append("<th>").append(escape(table)).append("</th>");
    }
    html.append("</tr></thead>\n<tbody>\n");
    for (long appId : data.appIds()) {
      html.append("<tr data-app=\"").append(appId).append("\"><th>");
      html.append(escape(data.name(appId))).append(" (").append(appId).append(")</th>");
      for (String table : FreshnessRules.tables()) {
        LocalDate latest = data.latest(appId, table);
        FreshnessRules.Status status = FreshnessRules.status(table, latest, now);
        String css = status.name().toLowerCase(Locale.ROOT);
        html.append("<td class=\"").append(css).append("\" data-table=\"").append(table);
        if (latest == null) {
          html.append("\" title=\"no DAILY rows\">none</td>");
          continue;
        }
        long lag = FreshnessRules.lagDays(table, latest, now);
        html.append("\" data-lag=\"").append(lag).append("\" title=\"latest metric date ");
        html.append(latest).append(", expected ");
        html.append(FreshnessRules.expectedLatest(table, now)).append("\">");
        html.append(lag).append("</td>");
      }
      html.append("</tr>\n");
    }
    html.append("</tbody>\n</table>\n");
  }

  private static void appSection(
      StringBuilder html, ReportData data, long appId, List<LocalDate> days) {
    html.append("<section class=\"app\" data-app=\"").append(appId).append("\">\n<h3>");
    html.append(escape(data.name(appId))).append(" (").append(appId).append(")</h3>\n");
    html.append("<div class=\"charts\">\n");
    chart(
        html,
        appId,
        ReportData.DOWNLOADS,
        "Downloads",
        data.series(appId, ReportData.DOWNLOADS),
        days);
    chart(
        html,
        appId,
        ReportData.IMPRESSIONS,
        "Impressions",
        data.series(appId, ReportData.IMPRESSIONS),
        days);
    chart(
        html,
        appId,
        "conversion",
        "Conversion (downloads / unique impressions)",
        conversion(data, appId),
        days);
    chart(
        html,
        appId,
        ReportData.SESSIONS,
        "Sessions",
        data.series(appId, ReportData.SESSIONS),
        days);
    for (String currency : data.proceedsCurrencies(appId)) {
      chart(
          html,
          appId,
          ReportData.PROCEEDS_PREFIX + currency,
          "Proceeds in " + currency,
          data.series(appId, ReportData.PROCEEDS_PREFIX + currency),
          days);
    }
    if (!data.series(appId, ReportData.SENTIMENT).isEmpty()) {
      chart(
          html,
          appId,
          ReportData.SENTIMENT,
          "Mean review sentiment (-1 to 1)",
          data.series(appId, ReportData.SENTIMENT),
          days);
    }
    html.append("</div>\n");
    topics(html, data, appId);
    html.append("</section>\n");
  }

  private static void topics(StringBuilder html, ReportData data, long appId) {
    List<ReportData.Topic> topics = data.topics(appId);
    if (topics.isEmpty()) {
      return;
    }
    html.append("<table class=\"topics\" data-app=\"").append(appId).append("\">\n");
    html.append("<caption>Top review topics</caption>\n");
    html.append("<thead><tr><th>#</th><th>Top terms</th><th>Reviews</th></tr></thead>\n<tbody>\n");
    for (ReportData.Topic topic : topics) {
      html.append("<tr><td>")
          .append(topic.rank())
          .append("</td><td>")
          .append(escape(topic.terms()))
          .append("</td><td>")
          .append(topic.reviews())
          .append("</td></tr>\n");
    }
    html.append("</tbody>\n</table>\n");
  }

  /**
   * Returns total downloads over unique impressions per day, as the view app_daily_metrics defines
   * conversion; days without unique impressions have no value.
   */
  static SortedMap<LocalDate, BigDecimal> conversion(ReportData data, long appId) {
    SortedMap<LocalDate, BigDecimal> downloads = data.series(appId, ReportData.DOWNLOADS);
    SortedMap<LocalDate, BigDecimal> conversion = new TreeMap<>();
    for (Map.Entry<LocalDate, BigDecimal> impressions :
        data.series(appId, ReportData.UNIQUE_IMPRESSIONS).entrySet()) {
      BigDecimal total = downloads.getOrDefault(impressions.getKey(), BigDecimal.ZERO);
      if (impressions.getValue().signum() != 0) {
        conversion.put(impressions.getKey(), total.divide(impressions.getValue(), RATIO));
      }
    }

    return conversion;
  }

  private static void chart(
      StringBuilder html,
      long appId,
      String metric,
      String title,
      SortedMap<LocalDate, BigDecimal> values,
      List<LocalDate> days) {
    SortedMap<LocalDate, BigDecimal> shown = new TreeMap<>();
    for (LocalDate day : days) {
      if (values.containsKey(day)) {
        shown.put(day, values.get(day));
      }
    }
    BigDecimal max = BigDecimal.ZERO;
    BigDecimal min = BigDecimal.ZERO;
    for (BigDecimal value : shown.values()) {
      max = value.max(max);
      min = value.min(min);
    }
    BigDecimal top = niceBound(max);
    BigDecimal bottom = niceBound(min.negate()).negate();
    if (top.compareTo(bottom) == 0) {
      top = bottom.add(BigDecimal.ONE);
    }

    html.append("<svg class=\"chart\" width=\"")
        .append(CHART_WIDTH)
        .append("\" height=\"")
        .append(CHART_HEIGHT)
        .append("\" data-app=\"")
        .append(appId)
        .append("\" data-metric=\"")
        .append(escape(metric))
        .append("\">\n");
    html.append("<text class=\"title\" x=\"8\" y=\"11\">");
    html.append(escape(title)).append("</text>\n");
    html.append("<rect class=\"plot\" x=\"")
        .append(PLOT_LEFT)
        .append("\" y=\"")
        .append(PLOT_TOP)
        .append("\" width=\"")
        .append(PLOT_WIDTH)
        .append("\" height=\"")
        .append(PLOT_HEIGHT)
        .append("\"/>\n");
    axisLabel(html, "y-top", PLOT_LEFT - 4, PLOT_TOP + 4, "end", top.toPlainString());
    axisLabel(
        html, "y-bottom", PLOT_LEFT - 4, PLOT_TOP + PLOT_HEIGHT, "end", bottom.toPlainString());
    int labelY = PLOT_TOP + PLOT_HEIGHT + 14;
    axisLabel(html, "x-first", PLOT_LEFT, labelY, "start", days.get(0).toString());
    axisLabel(
        html,
        "x-last",
        PLOT_LEFT + PLOT_WIDTH,
        labelY,
        "end",
        days.get(days.size() - 1).toString());

    if (shown.isEmpty()) {
      html.append("<text class=\"empty\" x=\"")
          .append(PLOT_LEFT + PLOT_WIDTH / 2)
          .append("\" y=\"")
          .append(PLOT_TOP + PLOT_HEIGHT / 2)
          .append("\" text-anchor=\"middle\">no data</text>\n</svg>\n");
      return;
    }

    StringBuilder line = new StringBuilder();
    StringBuilder points = new StringBuilder();
    double span = top.subtract(bottom).doubleValue();
    if (bottom.signum() < 0) {
      String zeroY =
          format(PLOT_TOP + PLOT_HEIGHT - bottom.negate().doubleValue() / span * PLOT_HEIGHT);
      html.append("<line class=\"zero\" x1=\"")
          .append(PLOT_LEFT)
          .append("\" x2=\"")
          .append(PLOT_LEFT + PLOT_WIDTH)
          .append("\" y1=\"")
          .append(zeroY)
          .append("\" y2=\"")
          .append(zeroY)
          .append("\"/>\n");
    }
    for (Map.Entry<LocalDate, BigDecimal> entry : shown.entrySet()) {
      int index = days.indexOf(entry.getKey());
      double x =
          days.size() == 1
              ? PLOT_LEFT + PLOT_WIDTH / 2.0
              : PLOT_LEFT + index * (double) PLOT_WIDTH / (days.size() - 1);
      double y =
          PLOT_TOP
              + PLOT_HEIGHT
              - entry.getValue().subtract(bottom).doubleValue() / span * PLOT_HEIGHT;
      line.append(format(x)).append(',').append(format(y)).append(' ');
      points
          .append("<circle class=\"point\" cx=\"")
          .append(format(x))
          .append("\" cy=\"")
          .append(format(y))
          .append("\" r=\"3\" data-date=\"")
          .append(entry.getKey())
          .append("\" data-value=\"")
          .append(entry.getValue().toPlainString())
          .append("\"><title>")
          .append(entry.getKey())
          .append(": ")
          .append(entry.getValue().toPlainString())
          .append("</title></circle>\n");
    }
    html.append("<polyline class=\"line\" points=\"").append(line.toString().strip());
    html.append("\"/>\n").append(points).append("</svg>\n");
  }

  private static void axisLabel(
      StringBuilder html, String css, int x, int y, String anchor, String text) {
    html.append("<text class=\"")
        .append(css)
        .append("\" x=\"")
        .append(x)
        .append("\" y=\"")
        .append(y)
        .append("\" text-anchor=\"")
        .append(anchor)
        .append("\">")
        .append(escape(text))
        .append("</text>\n");
  }

  /** Returns the smallest of 1, 2 or 5 times a power of ten that is at least {@code value}. */
  static BigDecimal niceBound(BigDecimal value) {
    if (value.signum() <= 0) {
      return BigDecimal.ZERO;
    }
    int exponent = value.precision() - value.scale() - 1;
    BigDecimal power = BigDecimal.ONE.scaleByPowerOfTen(exponent);
    for (int step : new int[] {1, 2, 5, 10}) {
      BigDecimal bound = power.multiply(BigDecimal.valueOf(step));
      if (bound.compareTo(value) >= 0) {
        return bound.stripTrailingZeros();
      }
    }

    throw new IllegalStateException("[BUG] 10 times the leading power of ten is below " + value);
  }

  private static String format(double coordinate) {
    return String.format(Locale.ROOT, "%.2f", coordinate);
  }

  /** Escapes text for HTML element content and quoted attribute values. */
  public static String escape(String text) {
    StringBuilder escaped = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> escaped.append("&amp;");
        case '<' -> escaped.append("&lt;");
        case '>' -> escaped.append("&gt;");
        case '"' -> escaped.append("&quot;");
        case '\'' -> escaped.append("&#39;");
        default -> escaped.append(c);
      }
    }

    return escaped.toString();
  }
}
