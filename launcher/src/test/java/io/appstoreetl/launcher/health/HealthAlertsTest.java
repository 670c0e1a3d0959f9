package io.appstoreetl.launcher.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.appstoreetl.emr.AwsSettings;
import java.io.IOException;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.sns.SnsClient;

class HealthAlertsTest {
  private static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:appstore-health";

  private static HealthReport staleReport() {
    HealthFacts facts = new HealthFacts();
    facts.downloadsDates = HealthFacts.range("2025-01-06", "2025-01-08");
    facts.salesDates.remove(LocalDate.parse("2025-01-07"));
    return facts.report();
  }

  private static AwsSettings aws(RecordingServer stub) {
    return AwsSettings.withStaticCredentials("us-east-1", stub.uri(""), "AKIDTEST", "secret");
  }

  @Test
  void webhookGetsSlackTextAndFailingRows() throws IOException {
    try (RecordingServer receiver = new RecordingServer(200, "text/plain", "ok")) {
      HealthAlerts.postWebhook(receiver.uri("/services/T000/B000/token123"), staleReport());

      assertThat(receiver.requests()).hasSize(1);
      RecordingServer.Request request = receiver.requests().get(0);
      assertThat(request.method()).isEqualTo("POST");
      assertThat(request.path()).isEqualTo("/services/T000/B000/token123");
      assertThat(request.headers().get("Content-type"))
          .containsExactly("application/json; charset=utf-8");
      assertThat(request.body())
          .isEqualTo(
              "{\"text\":\"appstore-etl health check at 2025-01-11T07:00:00Z: 2 problems\\n"
                  + "- downloads for app 1000000001 is stale: latest metric date 2025-01-08,"
                  + " expected 2025-01-10 (2 days behind); missing 2025-01-09..2025-01-10\\n"
                  + "- sales is missing 2025-01-07\","
                  + "\"healthy\":false,\"checked_at\":\"2025-01-11T07:00:00Z\","
                  + "\"problems\":[\"downloads for app 1000000001 is stale: latest metric date"
                  + " 2025-01-08, expected 2025-01-10 (2 days behind); missing"
                  + " 2025-01-09..2025-01-10\",\"sales is missing 2025-01-07\"],"
                  + "\"tables\":[{\"table\":\"downloads\",\"app_apple_id\":1000000001,"
                  + "\"latest_metric_date\":\"2025-01-08\",\"expected_latest\":\"2025-01-10\","
                  + "\"lag_days\":2,\"completeness_days\":2,\"final_through\":\"2025-01-08\","
                  + "\"missing_dates\":[\"2025-01-09\",\"2025-01-10\"],\"status\":\"stale\"},"
                  + "{\"table\":\"sales\",\"app_apple_id\":null,"
                  + "\"latest_metric_date\":\"2025-01-09\",\"expected_latest\":\"2025-01-09\","
                  + "\"lag_days\":0,\"completeness_days\":0,\"final_through\":\"2025-01-09\","
                  + "\"missing_dates\":[\"2025-01-07\"],\"status\":\"gaps\"}],"
                  + "\"requests\":[],\"runs\":[]}");
    }
  }

  @Test
  void webhookErrorNamesHostButNotToken() throws IOException {
    try (RecordingServer receiver = new RecordingServer(500, "text/plain", "boom")) {
      assertThatThrownBy(
              () -> HealthAlerts.postWebhook(receiver.uri("/hooks/secret-token"), staleReport()))
          .isInstanceOf(IOException.class)
          .hasMessage(
              "Webhook "
                  + receiver.uri("").toString()
                  + "/… answered HTTP 500 to the alert (expected 2xx)")
          .message()
          .doesNotContain("secret-token");
    }
  }

  @Test
  void healthyReportSendsNothing() {
    HealthReport healthy = new HealthFacts().report();
    assertThatThrownBy(() -> HealthAlerts.webhookBody(healthy))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("A healthy report sends no alert");
  }

  @Test
  void snsPublishCarriesTopicSubjectAndText() throws IOException {
    String answer =
        "<PublishResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><PublishResult>"
            + "<MessageId>msg-1</MessageId></PublishResult><ResponseMetadata>"
            + "<RequestId>req-1</RequestId></ResponseMetadata></PublishResponse>";
    try (RecordingServer stub = new RecordingServer(200, "text/xml", answer);
        SnsClient sns = HealthClients.sns(aws(stub))) {
      String id = HealthAlerts.publishSns(sns, TOPIC, staleReport());

      assertThat(id).isEqualTo("msg-1");
      assertThat(stub.requests()).hasSize(1);
      Map<String, String> form = stub.requests().get(0).form();
      assertThat(form)
          .containsExactly(
              Map.entry("Action", "Publish"),
              Map.entry("Version", "2010-03-31"),
              Map.entry("TopicArn", TOPIC),
              Map.entry("Message", HealthAlerts.text(staleReport())),
              Map.entry("Subject", "appstore-etl health: 2 problems"));
      assertThat(form.get("Message"))
          .startsWith("appstore-etl health check at 2025-01-11T07:00:00Z: 2 problems\n- ");
    }
  }

  @Test
  void cloudWatchGetsCountsAndLagPerFailingRow() throws IOException {
    String answer =
        "<PutMetricDataResponse xmlns=\"http://monitoring.amazonaws.com/doc/2010-08-01/\">"
            + "<ResponseMetadata><RequestId>req-2</RequestId></ResponseMetadata>"
            + "</PutMetricDataResponse>";
    try (RecordingServer stub = new RecordingServer(200, "text/xml", answer);
        CloudWatchClient cloudWatch = HealthClients.cloudWatch(aws(stub))) {
      HealthAlerts.putMetrics(cloudWatch, "AppstoreEtl", staleReport());

      assertThat(stub.requests()).hasSize(1);
      Map<String, String> form = new LinkedHashMap<>(stub.requests().get(0).form());
      assertThat(form.remove("Action")).isEqualTo("PutMetricData");
      assertThat(form.remove("Version")).isEqualTo("2010-08-01");
      assertThat(form.remove("Namespace")).isEqualTo("AppstoreEtl");
      String[][] expected = {
        {"Problems", "2.0"},
        {"StaleTables", "1.0"},
        {"MissingDates", "3.0"},
        {"FailedRuns", "0.0"},
        {"StoppedRequests", "0.0"},
        {"LagDays", "2.0"},
        {"LagDays", "0.0"}
      };
      for (int i = 0; i < expected.length; i++) {
        String prefix = "MetricData.member." + (i + 1) + ".";
        assertThat(form.remove(prefix + "MetricName")).isEqualTo(expected[i][0]);
        assertThat(form.remove(prefix + "Value")).isEqualTo(expected[i][1]);
        assertThat(form.remove(prefix + "Unit")).isEqualTo("Count");
        assertThat(form.remove(prefix + "Timestamp")).isEqualTo("2025-01-11T07:00:00Z");
        assertThat(form.remove(prefix + "Dimensions.member.1.Name")).isEqualTo("Pipeline");
        assertThat(form.remove(prefix + "Dimensions.member.1.Value")).isEqualTo("appstore-etl");
      }
      assertThat(form)
          .containsExactly(
              Map.entry("MetricData.member.6.Dimensions.member.2.Name", "Table"),
              Map.entry("MetricData.member.6.Dimensions.member.2.Value", "downloads"),
              Map.entry("MetricData.member.6.Dimensions.member.3.Name", "App"),
              Map.entry("MetricData.member.6.Dimensions.member.3.Value", "1000000001"),
              Map.entry("MetricData.member.7.Dimensions.member.2.Name", "Table"),
              Map.entry("MetricData.member.7.Dimensions.member.2.Value", "sales"),
              Map.entry("MetricData.member.7.Dimensions.member.3.Name", "App"),
              Map.entry("MetricData.member.7.Dimensions.member.3.Value", "all"));
    }
  }
}
