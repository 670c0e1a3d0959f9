package io.appstoreetl.curation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextTableTest {

  @Test
  void alignsColumnsWithoutTrailingSpaces() {
    TextTable table =
        new TextTable(List.of("table", "rows"))
            .addRow(List.of("engagement", 12))
            .addRow(Arrays.asList("sales", null));

    assertThat(table.render()).isEqualTo("table       rows\nengagement  12\nsales       NULL\n");
  }

  @Test
  void rejectsRowOfWrongWidth() {
    TextTable table = new TextTable(List.of("a", "b"));

    assertThatThrownBy(() -> table.addRow(List.of("x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Invalid row: 1 cells (expected 2)");
  }
}
