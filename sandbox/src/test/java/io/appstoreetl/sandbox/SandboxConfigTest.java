package io.appstoreetl.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
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
