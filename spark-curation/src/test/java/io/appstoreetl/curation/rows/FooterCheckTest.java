package io.appstoreetl.curation.rows;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FooterCheckTest {

  @Test
  void noFootersNoResult() {
    assertThat(FooterCheck.check(Map.of(), 3, 0, BigDecimal.ONE, 1L)).isNull();
  }

  @Test
  void amountsCompareAsNumbers() {
    Map<String, String> footers = new LinkedHashMap<>();
    footers.put("Total_Rows", "6");
    footers.put("Total_Amount", "206.890");

    assertThat(FooterCheck.check(footers, 6, 0, new BigDecimal("206.8900"), 20L))
        .isEqualTo("ok: Total_Rows 6 = 6, Total_Amount 206.890 = 206.89");
  }

  @Test
  void salesFilesCheckRowsOnly() {
    Map<String, String> footers = new LinkedHashMap<>();
    footers.put("Total_Rows", "2");
    footers.put("Total_Units", "5");

    assertThat(FooterCheck.check(footers, 3, 0, null, null))
        .isEqualTo("mismatch: Total_Rows 2 != 3, Total_Units 5 not checked");
  }

  @Test
  void unreadableFooterValueIsMismatch() {
    assertThat(FooterCheck.check(Map.of("Total_Rows", "six"), 6, 0, null, null))
        .isEqualTo("mismatch: Total_Rows six != 6");
  }
}
