package io.appstoreetl.tables;

import java.io.Serializable;

/**
 * The partitioning of a table: a transform applied to one source column.
 *
 * <p>Only the day transform exists; Iceberg's Spark DDL writes it {@code days(col)} and Athena's
 * {@code day(col)}.
 */
public record PartitionField(String sourceColumn, Transform transform) implements Serializable {

  /** Iceberg partition transforms that the curated tables use. */
  public enum Transform {
    DAY
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
}
