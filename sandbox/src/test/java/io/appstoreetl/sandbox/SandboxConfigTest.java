package io.appstoreetl.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SandboxConfigTest {

  @Test
  void defaultsMatchTheDocumentedValues() {
    SandboxConfig config = SandboxConfig.builder().today(LocalDate.of(2025, 3, 10)).build();

    assertThat(config.seed()).isEqualTo(42);
    assertThat(config.appCount()).isEqualTo(3);
    assertThat(config.appIds()).isEqualTo(List.of("1000000001", "1000000002", "1000000003"));
    assertThat(config.vendorNumber()).isEqualTo("80000001");
    assertThat(config.historyStart()).isEqualTo(LocalDate.of(2025, 3, 3));
    assertThat(config.restatementDays()).isEqualTo(3);
    assertThat(config.downloadRowsPerDay()).isEqualTo(250);
    assertThat(config.engagementRowsPerDay()).isEqualTo(450);
    assertThat(config.maxRowsPerSegment()).isEqualTo(400);
    assertThat(config.downloadUrlTtl()).isEqualTo(Duration.ofMinutes(5));
    assertThat(config.port()).isZero();
    assertThat(config.rateLimitPerHour()).isEqualTo(3600);
    assertThat(config.rateLimitPerMinute()).isZero();
    assertThat(config.rateLimitRetryAfter()).isEqualTo(RetryAfterFormat.NONE);
    assertThat(config.analyticsRowsPerDay("App Downloads Standard")).isEqualTo(250);
    assertThat(config.analyticsRowsPerDay("App Downloads Detailed")).isEqualTo(100);
    assertThat(config.analyticsRowsPerDay("App Store Purchases Standard")).isEqualTo(60);
    assertThat(config.analyticsRowsPerDay("App Crashes")).isEqualTo(20);
    assertThat(config.reviewsPerDay()).isEqualTo(5);
    assertThat(config.salesReportVersions())
        .isEqualTo(
            Map.of(
                "SALES", "1_0",
                "SUBSCRIPTION", "1_4",
                "SUBSCRIPTION_EVENT", "1_4",
                "SUBSCRIBER", "1_4"));
    assertThat(config.salesPublicationDelayDays()).isZero();
    assertThat(config.salesRetentionDays()).isEqualTo(365);
    assertThat(config.apiResponseDelay()).isEqualTo(Duration.ZERO);
    assertThat(config.multiMemberGzip()).isFalse();
    assertThat(config.financeAccess()).isTrue();
    assertThat(config.requestListingForbidden()).isFalse();
    assertThat(config.hugeSegmentBytes()).isZero();
    assertThat(config.hugeSegmentAppId()).isEqualTo("1000000001");
    assertThat(config.hugeSegmentReport()).isEqualTo("App Downloads Standard");
    assertThat(config.handlerThreads()).isEqualTo(64);
  }

  @Test
  void newSettingsAreCheckedWithTheValue() {
    assertThatThrownBy(() -> SandboxConfig.builder().analyticsRowsPerDay("App Crashes", 25).build())
        .hasMessage("Invalid analyticsRowsPerDay of App Crashes: 25 (expected 3 to 24)");
    assertThatThrownBy(() -> SandboxConfig.builder().analyticsRowsPerDay("App Downloads", 5))
        .hasMessageStartingWith("Invalid reportName: App Downloads (expected an analytics report");
    assertThatThrownBy(() -> SandboxConfig.builder().salesReportVersion("SALES", "1.0").build())
        .hasMessage(
            "Invalid salesReportVersion of SALES: 1.0 (expected digits, '_', digits, such as"
                + " 1_4)");
    assertThatThrownBy(() -> SandboxConfig.builder().salesReportVersion("INSTALLS", "1_2"))
        .hasMessage(
            "Invalid reportType: INSTALLS (expected one of [SALES, SUBSCRIPTION,"
                + " SUBSCRIPTION_EVENT, SUBSCRIBER])");
    assertThatThrownBy(() -> SandboxConfig.builder().hugeSegmentAppId("1000000009").build())
        .hasMessage(
            "Invalid hugeSegmentAppId: 1000000009 (expected one of the 3 app ids from"
                + " 1000000001)");
    assertThatThrownBy(
            () -> SandboxConfig.builder().apiResponseDelay(Duration.ofMillis(-1)).build())
        .hasMessage("Invalid apiResponseDelay: PT-0.001S (expected 0 to 1 minute)");
    assertThatThrownBy(() -> SandboxConfig.builder().rateLimitPerMinute(-1).build())
        .hasMessage("Invalid rateLimitPerMinute: -1 (expected 0 or more)");
  }

  @Test
  void invalidSettingsAreRejectedWithTheValue() {
    assertThatThrownBy(() -> SandboxConfig.builder().vendorNumber("80-1").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Invalid vendorNumber: '80-1' (expected 1 to 20 digits)");
    assertThatThrownBy(
            () ->
                SandboxConfig.builder()
                    .today(LocalDate.of(2025, 1, 1))
                    .historyStart(LocalDate.of(2025, 1, 2))
                    .build())
        .hasMessage(
            "Invalid historyStart: 2025-01-02 (expected a date on or before today, 2025-01-01)");
    assertThatThrownBy(() -> SandboxConfig.builder().downloadRowsPerDay(2).build())
        .hasMessage("Invalid downloadRowsPerDay: 2 (expected 3 to 10000)");
    assertThatThrownBy(() -> SandboxConfig.builder().downloadUrlTtl(Duration.ofMillis(10)).build())
        .hasMessage("Invalid downloadUrlTtl: PT0.01S (expected 1 second to 7 days)");
    assertThatThrownBy(() -> SandboxConfig.builder().rateLimitPerHour(0).build())
        .hasMessage("Invalid rateLimitPerHour: 0 (expected 1 or more)");
  }

  @Test
  void toBuilderKeepsEverySetting() {
    SandboxConfig config =
        SandboxConfig.builder().seed(9).appCount(92).today(LocalDate.of(2025, 5, 1)).build();

    SandboxConfig copy = config.toBuilder().build();

    assertThat(copy.toString()).isEqualTo(config.toString());
    assertThat(copy.appIds()).hasSize(92).endsWith("1000000092");
  }
}
