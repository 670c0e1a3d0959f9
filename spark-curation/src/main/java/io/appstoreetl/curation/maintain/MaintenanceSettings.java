package io.appstoreetl.curation.maintain;

import java.time.Instant;
import java.util.Objects;

/**
 * What {@link TableMaintenance} keeps and compacts.
 *
 * @param snapshotCutoff snapshots committed before this time expire, except the current one
 * @param orphanCutoff files that no snapshot references and that were last modified before this
 *     time are deleted; younger ones may belong to a write still in progress and are kept
 * @param minInputFiles a partition is compacted when it has at least this many data files
 */
public record MaintenanceSettings(Instant snapshotCutoff, Instant orphanCutoff, int minInputFiles) {

  /** Iceberg's own default for remove_orphan_files: 3 days. */
  public static final int DEFAULT_ORPHAN_AGE_HOURS = 72;

  /**
   * The shortest orphan age that Iceberg's remove_orphan_files procedure accepts (1.10): a shorter
   * one could delete the files of a write that has not committed yet.
   */
  public static final int MIN_ORPHAN_AGE_HOURS = 24;

  /** Iceberg's own default for rewrite_data_files' min-input-files. */
  public static final int DEFAULT_MIN_INPUT_FILES = 5;

  public MaintenanceSettings {
    Objects.requireNonNull(snapshotCutoff, "snapshotCutoff == null");
    Objects.requireNonNull(orphanCutoff, "orphanCutoff == null");
    if (minInputFiles < 2) {
      throw new IllegalArgumentException(
          "Invalid min input files: " + minInputFiles + " (expected 2 or more)");
    }
  }
}
