package io.appstoreetl.curation.load;

import io.appstoreetl.tables.Column;
import io.appstoreetl.tables.ColumnType;
import io.appstoreetl.tables.TableDefinition;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import scala.collection.JavaConverters;

/** Spark forms of the table definitions: schemas, DDL column lists and rows. */
public final class SparkSchemas {

  private SparkSchemas() {}

  /** Returns the Spark schema of a table; non-nullable columns are non-nullable fields. */
  public static StructType schema(TableDefinition table) {
    List<StructField> fields = new ArrayList<>();
    for (Column column : table.columns()) {
      fields.add(
          DataTypes.createStructField(column.name(), dataType(column.type()), column.nullable()));
    }

    return DataTypes.createStructType(fields);
  }

  /**
   * Returns the Spark type of a column type. TIMESTAMP is {@code TIMESTAMP_NTZ}, which Iceberg
   * stores as {@code timestamp} without time zone, the type Athena reads.
   */
  public static DataType dataType(ColumnType type) {
    switch (type.kind()) {
      case DATE:
        return DataTypes.DateType;
      case TIMESTAMP:
        return DataTypes.TimestampNTZType;
      case BIGINT:
        return DataTypes.LongType;
      case INT:
        return DataTypes.IntegerType;
      case DOUBLE:
        return DataTypes.DoubleType;
      case DECIMAL:
        return DataTypes.createDecimalType(type.precision(), type.scale());
      case STRING:
        return DataTypes.StringType;
      case BOOLEAN:
        return DataTypes.BooleanType;
      case MAP_STRING_STRING:
        return DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType, true);
      case ARRAY:
        return DataTypes.createArrayType(dataType(type.elementType()), true);
      default:
        throw new IllegalStateException("[BUG] No Spark type for column type " + type);
    }
  }

  /** Returns the Spark SQL DDL of a column: name, type, NOT NULL and comment. */
  public static String columnDdl(Column column) {
    return quote(column.name())
        + " "
        + dataType(column.type()).sql()
        + (column.nullable() ? "" : " NOT NULL")
        + " COMMENT "
        + literal(column.doc());
  }

  /** Returns {@code name} as a back-quoted Spark SQL identifier. */
  public static String quote(String name) {
    return "`" + name.replace("`", "``") + "`";
  }

  /** Returns {@code text} as a single-quoted Spark SQL string literal. */
  public static String literal(String text) {
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }

  /**
   * Returns a Spark row of Java values indexed like the table's columns.
   *
   * <p>Spark's row encoder takes {@code java.time.LocalDate} only when {@code
   * spark.sql.datetime.java8API.enabled} is true, a Scala map for map columns and a Scala sequence
   * for array columns, so dates, maps and lists are converted here.
   */
  public static Row toRow(Object[] values, boolean java8Dates) {
    Object[] converted = new Object[values.length];
    for (int i = 0; i < values.length; i++) {
      converted[i] = toSparkValue(values[i], java8Dates);
    }

    return RowFactory.create(converted);
  }

  private static Object toSparkValue(Object value, boolean java8Dates) {
    if (value instanceof LocalDate date && !java8Dates) {
      return Date.valueOf(date);
    }
    if (value instanceof Map<?, ?> map) {
      return JavaConverters.mapAsScalaMapConverter(map).asScala();
    }
    if (value instanceof List<?> list) {
      List<Object> elements = new ArrayList<>();
      for (Object element : list) {
        elements.add(toSparkValue(element, java8Dates));
      }
      return JavaConverters.asScalaBufferConverter(elements).asScala().toSeq();
    }

    return value;
  }
}
