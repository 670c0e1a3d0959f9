package io.appstoreetl.emr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class TestDateRange {

  @Test
  void parseAcceptsOneDay() {
    DateRange range = DateRange.parse("2025-03-01", " 2025-03-01 ");

    assertThat(range.from()).isEqualTo(LocalDate.of(2025, 3, 1));
    assertThat(range.to()).isEqualTo(LocalDate.of(2025, 3, 1));
  }

  @Test
  void parseRejectsInvalidDate() {
    assertThatThrownBy(() -> DateRange.parse("2025-02-30", "2025-03-01"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Invalid --from: 2025-02-30 (expected YYYY-MM-DD)");
    assertThatThrownBy(() -> DateRange.parse("2025-03-01", "03/02/2025"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Invalid --to: 03/02/2025 (expected YYYY-MM-DD)");
  }

  @Test
  void toBeforeFromRejected() {
    assertThatThrownBy(() -> DateRange.parse("2025-03-02", "2025-03-01"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Invalid --to: 2025-03-01 (expected a date on or after --from 2025-03-02)");
  }

  @Test
  void rangeOverLimitRejected() {
    assertThat(DateRange.parse("2015-01-01", "2025-02-17").to()).isEqualTo("2025-02-17");
    assertThatThrownBy(() -> DateRange.parse("2015-01-01", "2025-02-18"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Invalid --from/--to: 2015-01-01 to 2025-02-18 (expected --to at most 3700 days after --from)");
  }
}
