package io.appstoreetl.tables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ColumnTypeTest {

  @Test
  void sqlNames() {
    assertThat(ColumnType.DATE.sql()).isEqualTo("date");
    assertThat(ColumnType.TIMESTAMP.sql()).isEqualTo("timestamp");
    assertThat(ColumnType.BIGINT.sql()).isEqualTo("bigint");
    assertThat(ColumnType.INT.sql()).isEqualTo("int");
    assertThat(ColumnType.DOUBLE.sql()).isEqualTo("double");
    assertThat(ColumnType.STRING.sql()).isEqualTo("string");
    assertThat(ColumnType.BOOLEAN.sql()).isEqualTo("boolean");
    assertThat(ColumnType.MAP_STRING_STRING.sql()).isEqualTo("map<string,string>");
    assertThat(ColumnType.decimal(18, 2).sql()).isEqualTo("decimal(18,2)");
    assertThat(ColumnType.array(ColumnType.DATE).sql()).isEqualTo("array<date>");
  }

  @Test
  void arrayEqualityFollowsElement() {
    assertThat(ColumnType.array(ColumnType.STRING)).isEqualTo(ColumnType.array(ColumnType.STRING));
    assertThat(ColumnType.array(ColumnType.STRING)).isNotEqualTo(ColumnType.array(ColumnType.DATE));
    assertThat(ColumnType.array(ColumnType.DATE).elementType()).isEqualTo(ColumnType.DATE);
    assertThat(ColumnType.DATE.elementType()).isNull();
  }

  @Test
  void arrayRejectsNestedArray() {
    assertThatThrownBy(() -> ColumnType.array(ColumnType.array(ColumnType.DATE)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Invalid array element type: array<date> (expected a primitive type)");
  }

  @Test
  void decimalEquality() {
    assertThat(ColumnType.decimal(18, 4)).isEqualTo(ColumnType.decimal(18, 4));
    assertThat(ColumnType.decimal(18, 4)).isNotEqualTo(ColumnType.decimal(18, 2));
    assertThat(ColumnType.decimal(18, 4).precision()).isEqualTo(18);
    assertThat(ColumnType.decimal(18, 4).scale()).isEqualTo(4);
  }

  @Test
  void decimalRejectsPrecisionOutOfRange() {
    assertThatThrownBy(() -> ColumnType.decimal(39, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Invalid decimal precision: 39 (expected 1 to 38)");
  }

  @Test
  void decimalRejectsScaleAbovePrecision() {
    assertThatThrownBy(() -> ColumnType.decimal(4, 5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Invalid decimal scale: 5 (expected 0 to 4)");
  }
}
