package io.appstoreetl.tables;

import java.io.Serializable;
import java.util.Locale;
import java.util.Objects;

/**
 * The type of a curated column, limited to the types that Athena reads from Iceberg tables.
 *
 * <p>{@link #TIMESTAMP} is a timestamp without time zone (Iceberg {@code timestamp}, Spark {@code
 * TIMESTAMP_NTZ}); the only map type is {@code MAP<STRING,STRING>}; arrays hold one of the
 * primitive types ({@link #array}).
 */
public final class ColumnType implements Serializable {
  private static final long serialVersionUID = 1L;

  /**
   * The type families; {@link #DECIMAL} carries a precision and a scale, {@link #ARRAY} an element
   * type.
   */
  public enum Kind {
    DATE,
    TIMESTAMP,
    BIGINT,
    INT,
    DOUBLE,
    DECIMAL,
    STRING,
    BOOLEAN,
    MAP_STRING_STRING,
    ARRAY
  }

  public static final ColumnType DATE = new ColumnType(Kind.DATE, 0, 0);
  public static final ColumnType TIMESTAMP = new ColumnType(Kind.TIMESTAMP, 0, 0);
  public static final ColumnType BIGINT = new ColumnType(Kind.BIGINT, 0, 0);
  public static final ColumnType INT = new ColumnType(Kind.INT, 0, 0);
  public static final ColumnType DOUBLE = new ColumnType(Kind.DOUBLE, 0, 0);
  public static final ColumnType STRING = new ColumnType(Kind.STRING, 0, 0);
  public static final ColumnType BOOLEAN = new ColumnType(Kind.BOOLEAN, 0, 0);
  public static final ColumnType MAP_STRING_STRING = new ColumnType(Kind.MAP_STRING_STRING, 0, 0);

  // Athena and Iceberg both cap decimal precision at 38 digits.
  private static final int MAX_DECIMAL_PRECISION = 38;

  private final Kind kind;
  private final int precision;
  private final int scale;
  private final ColumnType elementType;

  private ColumnType(Kind kind, int precision, int scale) {
    this(kind, precision, scale, null);
  }

  private ColumnType(Kind kind, int precision, int scale, ColumnType elementType) {
    this.kind = kind;
    this.precision = precision;
    this.scale = scale;
    this.elementType = elementType;
  }

  /**
   * Returns {@code DECIMAL(precision, scale)}.
   *
   * @throws IllegalArgumentException if precision is not in 1..38 or scale not in 0..precision
   */
  public static ColumnType decimal(int precision, int scale) {
    if (precision < 1 || precision > MAX_DECIMAL_PRECISION) {
      throw new IllegalArgumentException(
          String.format(
              "Invalid decimal precision: %d (expected 1 to %d)",
              precision, MAX_DECIMAL_PRECISION));
    }
    if (scale < 0 || scale > precision) {
      throw new IllegalArgumentException(
          String.format("Invalid decimal scale: %d (expected 0 to %d)", scale, precision));
    }

    return new ColumnType(Kind.DECIMAL, precision, scale);
  }

  /**
   * Returns {@code ARRAY<element>}.
   *
   * @throws IllegalArgumentException if the element type is a map or an array, which Athena reads
   *     but the curated tables do not need
   */
  public static ColumnType array(ColumnType element) {
    if (element == null || element.kind == Kind.ARRAY || element.kind == Kind.MAP_STRING_STRING) {
      throw new IllegalArgumentException(
          "Invalid array element type: " + element + " (expected a primitive type)");
    }

    return new ColumnType(Kind.ARRAY, 0, 0, element);
  }

  public Kind kind() {
    return kind;
  }

  /** Total digits of a decimal; 0 for other kinds. */
  public int precision() {
    return precision;
  }

  /** Digits after the decimal point of a decimal; 0 for other kinds. */
  public int scale() {
    return scale;
  }

  /** The element type of an array; null for other kinds. */
  public ColumnType elementType() {
    return elementType;
  }

  /**
   * Returns the type as Athena DDL writes it: {@code date}, {@code timestamp}, {@code bigint},
   * {@code int}, {@code double}, {@code decimal(18,2)}, {@code string}, {@code boolean}, {@code
   * map<string,string>} or {@code array<date>}.
   */
  public String sql() {
    switch (kind) {
      case DECIMAL:
        return "decimal(" + precision + "," + scale + ")";
      case MAP_STRING_STRING:
        return "map<string,string>";
      case ARRAY:
        return "array<" + elementType.sql() + ">";
      default:
        return kind.name().toLowerCase(Locale.ROOT);
    }
  }

  @Override
  public boolean equals(Object other) {
    if (this == other) {
      return true;
    }
    if (!(other instanceof ColumnType)) {
      return false;
    }
    ColumnType that = (ColumnType) other;
    return kind == that.kind
        && precision == that.precision
        && scale == that.scale
        && Objects.equals(elementType, that.elementType);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, precision, scale, elementType);
  }

  @Override
  public String toString() {
    return sql();
  }
}
