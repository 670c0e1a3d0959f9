package io.appstoreetl.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SandboxMainTest {

  @Test
  void flagsSetTheConfiguration() {
    SandboxConfig config =
        SandboxMain.parseArguments(
            new String[] {
              "--port",
              "0",
              "--apps",
              "5",
              "--seed",
              "7",
              "--today",
              "2025-02-01",
              "--history-start",
              "2025-01-01",
              "--vendor-number",
              "12345"
            });

    assertThat(config.appCount()).isEqualTo(5);
    assertThat(config.seed()).isEqualTo(7);
    assertThat(config.today()).isEqualTo(LocalDate.of(2025, 2, 1));
    assertThat(config.historyStart()).isEqualTo(LocalDate.of(2025, 1, 1));
    assertThat(config.vendorNumber()).isEqualTo("12345");
  }

  @Test
  void benchmarkFlagsSetTheConfiguration() {
    SandboxConfig config =
        SandboxMain.parseArguments(
            new String[] {
              "--rows-per-day",
              "App Sessions Detailed=120",
              "--reviews-per-day",
              "9",
              "--rate-limit-per-hour",
              "3600",
              "--rate-limit-per-minute",
              "150",
              "--api-delay-ms",
              "100",
              "--huge-segment-bytes",
              "1073741824",
              "--huge-segment-app",
              "1000000002",
              "--huge-segment-report",
              "App Crashes",
              "--handler-threads",
              "32"
            });

    assertThat(config.analyticsRowsPerDay("App Sessions Detailed")).isEqualTo(120);
    assertThat(config.reviewsPerDay()).isEqualTo(9);
    assertThat(config.rateLimitPerHour()).isEqualTo(3600);
    assertThat(config.rateLimitPerMinute()).isEqualTo(150);
    assertThat(config.apiResponseDelay()).isEqualTo(Duration.ofMillis(100));
    assertThat(config.hugeSegmentBytes()).isEqualTo(1L << 30);
    assertThat(config.hugeSegmentAppId()).isEqualTo("1000000002");
    assertThat(config.hugeSegmentReport()).isEqualTo("App Crashes");
    assertThat(config.handlerThreads()).isEqualTo(32);
    assertThatThrownBy(
            () -> SandboxMain.parseArguments(new String[] {"--rows-per-day", "App Crashes"}))
        .hasMessage("Invalid --rows-per-day: App Crashes (expected REPORT NAME=ROWS)");
  }

  @Test
  void invalidFlagsNameTheFlagAndValue() {
    assertThatThrownBy(() -> SandboxMain.parseArguments(new String[] {"--apps", "many"}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Invalid --apps: many (expected an integer)");
    assertThatThrownBy(() -> SandboxMain.parseArguments(new String[] {"--today", "01/02/2025"}))
        .hasMessage("Invalid --today: 01/02/2025 (expected a date as YYYY-MM-DD)");
    assertThatThrownBy(() -> SandboxMain.parseArguments(new String[] {"--colour", "red"}))
        .hasMessage("Unknown flag: --colour");
    assertThatThrownBy(() -> SandboxMain.parseArguments(new String[] {"--seed"}))
        .hasMessage("Missing value for --seed");
    assertThatThrownBy(() -> SandboxMain.parseArguments(new String[] {"--apps", "0"}))
        .hasMessage("Invalid appCount: 0 (expected 1 to 10000)");
  }

  @Test
  void processPrintsTheBaseUrlAndServes() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                SandboxMain.class.getName(),
                "--apps",
                "2",
                "--today",
                "2025-01-20")
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    try {
      BufferedReader stdout =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      String baseUrl = stdout.readLine();

      assertThat(baseUrl).matches("http://127\\.0\\.0\\.1:[0-9]+");
      HttpResponse<byte[]> status =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(baseUrl + "/sandbox/status")).build(),
                  HttpResponse.BodyHandlers.ofByteArray());
      JsonNode body = SandboxFixture.json(status);
      assertThat(body.path("today").asText()).isEqualTo("2025-01-20");
      assertThat(body.path("appIds").size()).isEqualTo(2);
    } finally {
      process.destroy();
      assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
    }
  }
}
