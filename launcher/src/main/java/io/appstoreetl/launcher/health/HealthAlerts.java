package io.appstoreetl.launcher.health;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.appstoreetl.launcher.health.HealthReport.RequestRow;
import io.appstoreetl.launcher.health.HealthReport.RunRow;
import io.appstoreetl.launcher.health.HealthReport.TableRow;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.PublishResponse;

/**
 * Sends what a {@link HealthReport} found wrong to a webhook, an SNS topic or CloudWatch. Callers
 * send nothing for a healthy report; every method here refuses one.
 */
public final class HealthAlerts {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  /** The CloudWatch dimension that every metric carries. */
  public static final String PIPELINE_DIMENSION = "Pipeline";

  public static final String PIPELINE = "appstore-etl";

  private HealthAlerts() {}

  /** Returns the alert's text: a summary line and one line per problem. */
  public static String text(HealthReport report) {
    StringBuilder text = new StringBuilder();
    text.append("appstore-etl health check at ")
        .append(report.checkedAt())
        .append(": ")
        .append(report.problems().size())
        .append(report.problems().size() == 1 ? " problem" : " problems");
    for (String problem : report.problems()) {
      text.append("\n- ").append(problem);
    }
    return text.toString();
  }

  /**
   * Returns the webhook body: Slack's {@code text} plus the failing rows as structured fields
   * ({@code healthy}, {@code checked_at}, {@code problems}, {@code tables}, {@code requests},
   * {@code runs}).
   */
  public static ObjectNode webhookBody(HealthReport report) {
    requireUnhealthy(report);
    ObjectNode body = JSON.createObjectNode();
    body.put("text", text(report));
    body.put("healthy", false);
    body.put("checked_at", report.checkedAt().toString());
    ArrayNode problems = body.putArray("problems");
    report.problems().forEach(problems::add);
    ArrayNode tables = body.putArray("tables");
    for (TableRow row : report.tables()) {
      if (failing(row)) {
        HealthReport.tableJson(tables.addObject(), row);
      }
    }
    ArrayNode requests = body.putArray("requests");
    for (RequestRow row : report.requests()) {
      if (row.status().equals("stopped")) {
        HealthReport.requestJson(requests.addObject(), row);
      }
    }
    ArrayNode runs = body.putArray("runs");
    for (RunRow row : report.runs()) {
      if (!row.status().equals(HealthReport.OK)) {
        HealthReport.runJson(runs.addObject(), row);
      }
    }
    return body;
  }

  /**
   * POSTs {@link #webhookBody} as JSON to {@code url}.
   *
   * @throws IOException when the request fails or the answer is not 2xx; the message names the URL
   *     by scheme and host only
   */
  public static void postWebhook(URI url, HealthReport report) throws IOException {
    byte[] body = JSON.writeValueAsBytes(webhookBody(report));
    HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    HttpRequest request =
        HttpRequest.newBuilder(url)
            .timeout(TIMEOUT)
            .header("Content-Type", "application/json; charset=utf-8")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    HttpResponse<String> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IOException(
          "Cannot POST the alert to webhook " + HealthSettings.redact(url) + ": " + e.getMessage(),
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("Interrupted while posting the alert", e);
    }
    if (response.statusCode() / 100 != 2) {
      throw new IOException(
          "Webhook "
              + HealthSettings.redact(url)
              + " answered HTTP "
              + response.statusCode()
              + " to the alert (expected 2xx)");
    }
  }

  /** Publishes the alert's text to an SNS topic; returns the message id. */
  public static String publishSns(SnsClient sns, String topicArn, HealthReport report) {
    requireUnhealthy(report);
    String subject =
        "appstore-etl health: "
            + report.problems().size()
            + (report.problems().size() == 1 ? " problem" : " problems");
    PublishResponse response =
        sns.publish(b -> b.topicArn(topicArn).subject(subject).message(text(report)));
    return response.messageId();
  }

  /**
   * Returns the CloudWatch metrics of an unhealthy report: {@code Problems}, {@code StaleTables}
   * (rows stale or without data), {@code MissingDates} (summed over rows), {@code FailedRuns} and
   * {@code StoppedRequests} with dimension {@code Pipeline=appstore-etl}, and {@code LagDays} per
   * failing row with dimensions {@code Table} and {@code App} ({@code all} over all apps).
   */
  public static List<MetricDatum> metrics(HealthReport report) {
    requireUnhealthy(report);
    Dimension pipeline = dimension(PIPELINE_DIMENSION, PIPELINE);
    long stale =
        report.tables().stream()
            .filter(
                r -> r.status().equals(HealthCheck.STALE) || r.status().equals(HealthCheck.NO_DATA))
            .count();
    long missing = report.tables().stream().mapToLong(r -> r.missingDates().size()).sum();
    long failedRuns =
        report.runs().stream().filter(r -> !r.status().equals(HealthReport.OK)).count();
    long stopped = report.requests().stream().filter(r -> r.status().equals("stopped")).count();

    List<MetricDatum> metrics = new ArrayList<>();
    metrics.add(count("Problems", report.problems().size(), report, pipeline));
    metrics.add(count("StaleTables", stale, report, pipeline));
    metrics.add(count("MissingDates", missing, report, pipeline));
    metrics.add(count("FailedRuns", failedRuns, report, pipeline));
    metrics.add(count("StoppedRequests", stopped, report, pipeline));
    for (TableRow row : report.tables()) {
      if (failing(row) && row.lagDays() != null) {
        metrics.add(
            MetricDatum.builder()
                .metricName("LagDays")
                .unit(StandardUnit.COUNT)
                .value((double) row.lagDays())
                .timestamp(report.checkedAt())
                .dimensions(
                    pipeline,
                    dimension("Table", row.table()),
                    dimension("App", row.appId() == null ? "all" : row.appId().toString()))
                .build());
      }
    }
    return metrics;
  }

  /** Sends {@link #metrics} to CloudWatch, at most 20 metrics per call. */
  public static void putMetrics(
      CloudWatchClient cloudWatch, String namespace, HealthReport report) {
    List<MetricDatum> metrics = metrics(report);
    for (int i = 0; i < metrics.size(); i += 20) {
      List<MetricDatum> batch = metrics.subList(i, Math.min(metrics.size(), i + 20));
      cloudWatch.putMetricData(b -> b.namespace(namespace).metricData(batch));
    }
  }

  private static boolean failing(TableRow row) {
    return !row.status().equals(HealthReport.OK) && !row.status().equals(HealthCheck.ABSENT);
  }

  private static MetricDatum count(
      String name, long value, HealthReport report, Dimension pipeline) {
    return MetricDatum.builder()
        .metricName(name)
        .unit(StandardUnit.COUNT)
        .value((double) value)
        .timestamp(report.checkedAt())
        .dimensions(pipeline)
        .build();
  }

  private static Dimension dimension(String name, String value) {
    return Dimension.builder().name(name).value(value).build();
  }

  private static void requireUnhealthy(HealthReport report) {
    if (report.healthy()) {
      throw new IllegalStateException("A healthy report sends no alert");
    }
  }
}
