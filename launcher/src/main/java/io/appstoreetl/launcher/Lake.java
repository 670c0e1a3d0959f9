package io.appstoreetl.launcher;

import java.nio.file.Path;

/**
 * The local lake's layout: the raw zone, the Iceberg JDBC catalog on SQLite and its warehouse.
 *
 * <pre>
 * lake/
 *   raw/            raw zone (see docs/raw-zone.md)
 *   catalog.db      Iceberg JDBC catalog on SQLite
 *   warehouse/      Iceberg table data and metadata
 *   sandbox/        sandbox settings and the generated API key (sandbox mode only)
 *   runs/           run summaries of the launcher's child processes
 * </pre>
 */
record Lake(Path root) {

  static final String CATALOG_NAME = "lake";
  static final String DATABASE = "appstore";

  Lake {
    root = root.toAbsolutePath().normalize();
  }

  Path raw() {
    return root.resolve("raw");
  }

  Path catalogDatabase() {
    return root.resolve("catalog.db");
  }

  Path warehouse() {
    return root.resolve("warehouse");
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
