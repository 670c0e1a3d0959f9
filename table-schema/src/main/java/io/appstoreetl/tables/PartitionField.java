package io.appstoreetl.tables;

import java.io.Serializable;

/**
 * One field of a table's partitioning: a transform applied to one source column.
 *
 * <p>{@link Transform#DAY} partitions by the day of a DATE or TIMESTAMP column; Iceberg's Spark DDL
 * writes it {@code days(col)} and Athena's {@code day(col)}. {@link Transform#IDENTITY} partitions
 * by the value of a STRING column, written as the bare column name in both.
 */
public record PartitionField(String sourceColumn, Transform transform) implements Serializable {

  /** Iceberg partition transforms that the curated tables use. */
  public enum Transform {
    DAY,
    IDENTITY
  }

  public PartitionField {
    if (sourceColumn == null || sourceColumn.isEmpty()) {
      throw new IllegalArgumentException("Invalid partition field: source column is empty");
    }
    if (transform == null) {
      throw new IllegalArgumentException("Invalid partition field: transform == null");
    }
  }

  /** Returns a partition by day of the given DATE or TIMESTAMP column. */
  public static PartitionField day(String sourceColumn) {
    return new PartitionField(sourceColumn, Transform.DAY);
  }

  /** Returns a partition by the values of the given STRING column. */
  public static PartitionField identity(String sourceColumn) {
    return new PartitionField(sourceColumn, Transform.IDENTITY);
  }
}
