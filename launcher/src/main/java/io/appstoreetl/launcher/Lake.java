package io.appstoreetl.launcher;

import io.appstoreetl.emr.S3Lake;
import java.nio.file.Path;

/**
 * The lake's layout: the raw zone, the Iceberg JDBC catalog on SQLite and its warehouse.
 *
 * <pre>
 * lake/
 *   raw/            raw zone (see docs/raw-zone.md), unless on S3
 *   catalog.db      Iceberg JDBC catalog on SQLite
 *   warehouse/      Iceberg table data and metadata, unless on S3
 *   sandbox/        sandbox settings and the generated API key (sandbox mode only)
 *   runs/           run summaries of the launcher's child processes
 * </pre>
 *
 * <p>With {@code s3Lake} set, the raw zone is {@code s3://<bucket>/<prefix>/raw} and the warehouse
 * {@code s3://<bucket>/<prefix>/warehouse/}; the catalog database and the run summaries stay in the
 * local folder.
 *
 * @param s3Lake the bucket and prefix of the raw zone and the warehouse, or null for local folders
 * @param s3Access how the child processes reach S3, or null when nothing is on S3
 */
record Lake(Path root, S3Lake s3Lake, S3Access s3Access) {

  static final String CATALOG_NAME = "lake";
  static final String DATABASE = "appstore";

  Lake {
    root = root.toAbsolutePath().normalize();
    if (s3Lake != null && s3Access == null) {
      throw new IllegalArgumentException("[BUG] a lake on S3 needs S3 access settings");
    }
  }

  Lake(Path root) {
    this(root, null, null);
  }

  Path raw() {
    return root.resolve("raw");
  }

  /** Returns the raw root as the extractor takes it: a folder, or an {@code s3://} URI. */
  String extractorRawRoot() {
    return s3Lake == null ? raw().toString() : s3Lake.rawRoot();
  }

  /**
   * Returns the raw root as the local Spark job reads it: a {@code file:} or {@code s3a://} URI.
   */
  String sparkRawRoot() {
    return s3Lake == null ? raw().toUri().toString() : S3Access.forLocalSpark(s3Lake.rawRoot());
  }

  Path catalogDatabase() {
    return root.resolve("catalog.db");
  }

  Path warehouse() {
    return root.resolve("warehouse");
  }

  /** Returns the warehouse for messages: a folder, or an {@code s3://} URI. */
  String warehouseLocation() {
    return s3Lake == null ? warehouse().toString() : s3Lake.warehouse();
  }

  Path sandboxDirectory() {
    return root.resolve("sandbox");
  }

  Path runsDirectory() {
    return root.resolve("runs");
  }

  String catalogUri() {
    return "jdbc:sqlite:" + catalogDatabase();
  }
}
