package io.appstoreetl.curation.parse;

import io.appstoreetl.tables.Column;
import io.appstoreetl.tables.ColumnType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.Locale;

/** Converts report field text to the Java value of a column's type. */
public final class ValueParser {

  private ValueParser() {}

  /**
   * Returns null for a missing value: a null, empty or space-only field. A field written as {@code
   * ""} arrives here empty, because {@link Delimiter#split} unquotes it.
   */
  public static String normalize(String field) {
    if (field == null || field.isBlank()) {
      return null;
    }

    return field;
  }

  /**
   * Returns the value of {@code text} (already {@linkplain #normalize normalized}) as the Java type
   * of {@code column}: String, Long, Integer, Double, BigDecimal at the column's scale, LocalDate
   * or Boolean. Strings are kept exactly as written; other types are trimmed first.
   *
   * @throws InvalidValueException if the text is not a value of that type, or a decimal has more
   *     digits than the column allows
   */
  public static Object parse(Column column, String text, ReportFormat format)
      throws InvalidValueException {
    if (text == null) {
      return null;
    }

    ColumnType type = column.type();
    String trimmed = text.trim();
    switch (type.kind()) {
      case STRING:
        return text;
      case BIGINT:
        try {
          return Long.parseLong(trimmed);
        } catch (NumberFormatException e) {
          throw invalid(column, text, "an integer");
        }
      case INT:
        try {
          return Integer.parseInt(trimmed);
        } catch (NumberFormatException e) {
          throw invalid(column, text, "an integer");
        }
      case DOUBLE:
        try {
          return Double.parseDouble(trimmed);
        } catch (NumberFormatException e) {
          throw invalid(column, text, "a number");
        }
      case DECIMAL:
        return parseDecimal(column, text, trimmed);
      case DATE:
        LocalDate date = format.parseDate(trimmed);
        if (date == null) {
          throw invalid(column, text, format.expectedDateForm());
        }
        return date;
      case BOOLEAN:
        return parseBoolean(column, text, trimmed);
      default:
        throw new IllegalStateException(
            "[BUG] Column " + column.name() + " of type " + type + " cannot be read from a report");
    }
  }

  /** Returns the reject reason for a missing value in a column that must have one. */
  public static String missingValueReason(Column column, ReportFormat format) {
    String expected =
        column.type().kind() == ColumnType.Kind.DATE ? format.expectedDateForm() : "a value";
    return "Invalid " + column.appleHeader() + ": empty (expected " + expected + ")";
  }

  private static BigDecimal parseDecimal(Column column, String text, String trimmed)
      throws InvalidValueException {
    int scale = column.type().scale();
    int integerDigits = column.type().precision() - scale;
    BigDecimal value;
    try {
      // BigDecimal reads ".99" and "-.5", which older sales files contain.
      value = new BigDecimal(trimmed);
    } catch (NumberFormatException e) {
      throw invalid(column, text, "a decimal number");
    }

    if (value.signum() == 0) {
      return BigDecimal.ZERO.setScale(scale);
    }
    // Checked before setScale, because setScale computes every digit: for 1E+99999999 that took two
    // minutes of CPU in a test on this project's build machine. Precision and scale are cheap.
    if (value.precision() - value.scale() > integerDigits) {
      throw invalid(column, text, "at most " + integerDigits + " digits before the decimal point");
    }
    if (value.stripTrailingZeros().scale() > scale) {
      throw invalid(column, text, "at most " + scale + " decimal places");
    }

    return value.setScale(scale, RoundingMode.UNNECESSARY);
  }

  private static Boolean parseBoolean(Column column, String text, String trimmed)
      throws InvalidValueException {
    switch (trimmed.toLowerCase(Locale.ROOT)) {
      case "true":
      case "yes":
        return Boolean.TRUE;
      case "false":
      case "no":
        return Boolean.FALSE;
      default:
        throw invalid(column, text, "true, false, yes or no");
    }
  }

  private static InvalidValueException invalid(Column column, String text, String expected) {
    return new InvalidValueException(
        "Invalid " + column.appleHeader() + ": " + text + " (expected " + expected + ")");
  }
}
