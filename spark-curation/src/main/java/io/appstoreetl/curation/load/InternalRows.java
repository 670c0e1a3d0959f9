package io.appstoreetl.curation.load;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.util.ArrayBasedMapData;
import org.apache.spark.sql.catalyst.util.DateTimeUtils;
import org.apache.spark.sql.catalyst.util.GenericArrayData;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * Turns the Java values of parsed rows into Spark's internal rows for a table schema.
 *
 * <p>Going straight to {@link InternalRow} spares the external {@code Row} and the encoder pass
 * that converts it again, which for a large day cost as much as the parsing. Values are those of
 * {@link io.appstoreetl.curation.rows.ParseOutcome#row()}: String, Long, Integer, Double,
 * BigDecimal, Boolean, LocalDate, LocalDateTime (for {@code TIMESTAMP_NTZ}), a {@code Map} of
 * strings and a {@code List}.
 */
public final class InternalRows implements Serializable {
  private static final long serialVersionUID = 1L;

  private final StructType schema;
  private transient Converter[] converters;

  // The values converted last, by field. The columns a row inherits from its file (source file,
  // load time, an empty map of extra columns) are the same objects row after row, so their
  // converted forms are reused.
  private transient Object[] lastValues;
  private transient Object[] lastConverted;

  public InternalRows(StructType schema) {
    this.schema = schema;
  }

  /** Returns the internal row of {@code values}, indexed like the schema's fields. */
  public InternalRow convert(Object[] values) {
    Converter[] byField = converters();
    Object[] converted = new Object[byField.length];
    for (int i = 0; i < byField.length; i++) {
      Object value = values[i];
      if (value == null) {
        continue;
      }
      if (value != lastValues[i]) {
        lastValues[i] = value;
        lastConverted[i] = byField[i].convert(value);
      }
      converted[i] = lastConverted[i];
    }

    return new GenericInternalRow(converted);
  }

  private Converter[] converters() {
    if (converters == null) {
      StructField[] fields = schema.fields();
      Converter[] built = new Converter[fields.length];
      for (int i = 0; i < fields.length; i++) {
        built[i] = converter(fields[i].dataType());
      }
      converters = built;
      lastValues = new Object[fields.length];
      lastConverted = new Object[fields.length];
    }

    return converters;
  }

  @FunctionalInterface
  private interface Converter {
    Object convert(Object value);
  }

  private static Converter converter(DataType type) {
    if (type instanceof DecimalType decimal) {
      int precision = decimal.precision();
      int scale = decimal.scale();
      return value ->
          org.apache.spark.sql.types.Decimal.apply((BigDecimal) value, precision, scale);
    }
    if (type instanceof MapType map) {
      Converter keys = converter(map.keyType());
      Converter values = converter(map.valueType());
      return value -> mapData((Map<?, ?>) value, keys, values);
    }
    if (type instanceof ArrayType array) {
      Converter elements = converter(array.elementType());
      return value -> {
        List<?> list = (List<?>) value;
        Object[] converted = new Object[list.size()];
        for (int i = 0; i < converted.length; i++) {
          Object element = list.get(i);
          converted[i] = element == null ? null : elements.convert(element);
        }
        return new GenericArrayData(converted);
      };
    }
    switch (type.typeName()) {
      case "string":
        return value -> UTF8String.fromString((String) value);
      case "date":
        return value -> DateTimeUtils.localDateToDays((LocalDate) value);
      case "timestamp_ntz":
        return value -> DateTimeUtils.localDateTimeToMicros((LocalDateTime) value);
      case "long":
      case "integer":
      case "double":
      case "boolean":
        return value -> value;
      default:
        throw new IllegalStateException("[BUG] No internal form for Spark type " + type);
    }
  }

  private static ArrayBasedMapData mapData(Map<?, ?> map, Converter keys, Converter values) {
    Object[] keyArray = new Object[map.size()];
    Object[] valueArray = new Object[map.size()];
    int i = 0;
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      keyArray[i] = keys.convert(entry.getKey());
      valueArray[i] = entry.getValue() == null ? null : values.convert(entry.getValue());
      i++;
    }

    return new ArrayBasedMapData(new GenericArrayData(keyArray), new GenericArrayData(valueArray));
  }
}
