package io.appstoreetl.emr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestCatalogSettings {

  static final CatalogSettings.S3Endpoint S3PROXY =
      new CatalogSettings.S3Endpoint(
          URI.create("http://127.0.0.1:9000"), "us-east-1", "local-access", "local-secret");

  @TempDir Path dir;

  @Test
  void glueHasEveryKey() {
    Map<String, String> conf = CatalogSettings.glue("lake", "s3://appstore-lake/prod/warehouse/");

    assertThat(conf)
        .containsExactly(
            entry("spark.jars", "/usr/share/aws/iceberg/lib/iceberg-spark3-runtime.jar"),
            entry(
                "spark.hadoop.hive.metastore.client.factory.class",
                "com.amazonaws.glue.catalog.metastore.AWSGlueDataCatalogHiveClientFactory"),
            entry(
                "spark.sql.extensions",
                "org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions"),
            entry("spark.sql.catalog.lake", "org.apache.iceberg.spark.SparkCatalog"),
            entry("spark.sql.catalog.lake.catalog-impl", "org.apache.iceberg.aws.glue.GlueCatalog"),
            entry("spark.sql.catalog.lake.io-impl", "org.apache.iceberg.aws.s3.S3FileIO"),
            entry("spark.sql.catalog.lake.warehouse", "s3://appstore-lake/prod/warehouse/"),
            entry("spark.sql.catalog.lake.table-default.format-version", "2"),
            entry("spark.sql.defaultCatalog", "lake"));
  }

  @Test
  void glueOutsideEmrTakesEndpoints() {
    Map<String, String> conf =
        CatalogSettings.glueOutsideEmr(
            "lake",
            "s3://appstore-lake/prod/warehouse/",
            URI.create("http://127.0.0.1:4599"),
            URI.create("http://127.0.0.1:9000"),
            "eu-west-1");

    assertThat(conf)
        .containsExactly(
            entry(
                "spark.sql.extensions",
                "org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions"),
            entry("spark.sql.catalog.lake", "org.apache.iceberg.spark.SparkCatalog"),
            entry("spark.sql.catalog.lake.catalog-impl", "org.apache.iceberg.aws.glue.GlueCatalog"),
            entry("spark.sql.catalog.lake.io-impl", "org.apache.iceberg.aws.s3.S3FileIO"),
            entry("spark.sql.catalog.lake.warehouse", "s3://appstore-lake/prod/warehouse/"),
            entry("spark.sql.catalog.lake.table-default.format-version", "2"),
            entry("spark.sql.catalog.lake.client.region", "eu-west-1"),
            entry("spark.sql.catalog.lake.glue.endpoint", "http://127.0.0.1:4599"),
            entry("spark.sql.catalog.lake.s3.endpoint", "http://127.0.0.1:9000"),
            entry("spark.sql.catalog.lake.s3.path-style-access", "true"),
            entry("spark.sql.defaultCatalog", "lake"));
    assertThat(CatalogSettings.glueOutsideEmr("lake", "s3://b/w/", null, null, "us-east-1"))
        .doesNotContainKeys(
            "spark.sql.catalog.lake.glue.endpoint",
            "spark.sql.catalog.lake.s3.endpoint",
            "spark.sql.catalog.lake.s3.path-style-access")
        .containsEntry("spark.sql.catalog.lake.client.region", "us-east-1");
    assertThatThrownBy(
            () ->
                CatalogSettings.glueOutsideEmr(
                    "lake", "s3://b/w/", URI.create("ftp://glue.local"), null, "us-east-1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ftp://glue.local");
  }

  @Test
  void glueUsesCatalogName() {
    Map<String, String> conf = CatalogSettings.glue("glue_prod", "s3://b/warehouse/");

    assertThat(conf)
        .containsEntry("spark.sql.catalog.glue_prod", "org.apache.iceberg.spark.SparkCatalog")
        .containsEntry("spark.sql.catalog.glue_prod.warehouse", "s3://b/warehouse/")
        .containsEntry("spark.sql.defaultCatalog", "glue_prod")
        .doesNotContainKey("spark.sql.catalog.lake");
  }

  @Test
  void glueRejectsNonS3Warehouse() {
    assertThatThrownBy(() -> CatalogSettings.glue("lake", "s3a://bucket/warehouse/"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Invalid warehouse: s3a://bucket/warehouse/ (expected s3://bucket/path/)");
  }

  @Test
  void localJdbcHasEveryKey() {
    Map<String, String> conf =
        CatalogSettings.localJdbc(
            "lake", "jdbc:sqlite:/data/lake/catalog.db", "file:/data/lake/warehouse/");

    assertThat(conf)
        .containsExactly(
            entry(
                "spark.sql.extensions",
                "org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions"),
            entry("spark.sql.catalog.lake", "org.apache.iceberg.spark.SparkCatalog"),
            entry("spark.sql.catalog.lake.type", "jdbc"),
            entry("spark.sql.catalog.lake.uri", "jdbc:sqlite:/data/lake/catalog.db"),
            entry("spark.sql.catalog.lake.jdbc.schema-version", "V1"),
            entry("spark.sql.catalog.lake.jdbc.journal_mode", "WAL"),
            entry("spark.sql.catalog.lake.jdbc.busy_timeout", "60000"),
            entry("spark.sql.catalog.lake.warehouse", "file:/data/lake/warehouse/"),
            entry("spark.sql.catalog.lake.table-default.format-version", "2"),
            entry("spark.sql.defaultCatalog", "lake"));
  }

  @Test
  void localJdbcTurnsPathIntoFileUri() {
    Map<String, String> conf =
        CatalogSettings.localJdbc(
            "lake", "jdbc:sqlite:catalog.db", dir.resolve("warehouse").toString());

    assertThat(conf.get("spark.sql.catalog.lake.warehouse"))
        .isEqualTo(dir.resolve("warehouse").toAbsolutePath().toUri().toString());
  }

  @Test
  void localJdbcRejectsNonJdbcUri() {
    assertThatThrownBy(() -> CatalogSettings.localJdbc("lake", "sqlite:/x.db", "/tmp/warehouse"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Invalid catalog URI: sqlite:/x.db (expected a JDBC URI such as jdbc:sqlite:<path>)");
  }

  @Test
  void jdbcWithS3HasEveryKey() {
    Map<String, String> conf =
        CatalogSettings.jdbcWithS3(
            "lake", "jdbc:sqlite:/data/lake/catalog.db", "s3://lake/warehouse/", S3PROXY);

    assertThat(conf)
        .containsExactly(
            entry(
                "spark.sql.extensions",
                "org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions"),
            entry("spark.sql.catalog.lake", "org.apache.iceberg.spark.SparkCatalog"),
            entry("spark.sql.catalog.lake.type", "jdbc"),
            entry("spark.sql.catalog.lake.uri", "jdbc:sqlite:/data/lake/catalog.db"),
            entry("spark.sql.catalog.lake.jdbc.schema-version", "V1"),
            entry("spark.sql.catalog.lake.jdbc.journal_mode", "WAL"),
            entry("spark.sql.catalog.lake.jdbc.busy_timeout", "60000"),
            entry("spark.sql.catalog.lake.warehouse", "s3://lake/warehouse/"),
            entry("spark.sql.catalog.lake.table-default.format-version", "2"),
            entry("spark.sql.catalog.lake.io-impl", "org.apache.iceberg.aws.s3.S3FileIO"),
            entry("spark.sql.catalog.lake.s3.endpoint", "http://127.0.0.1:9000"),
            entry("spark.sql.catalog.lake.s3.path-style-access", "true"),
            entry("spark.sql.catalog.lake.s3.access-key-id", "local-access"),
            entry("spark.sql.catalog.lake.s3.secret-access-key", "local-secret"),
            entry("spark.sql.catalog.lake.client.region", "us-east-1"),
            entry("spark.sql.defaultCatalog", "lake"));
  }

  @Test
  void jdbcWithS3FromEnvironmentHasNoSecret() {
    Map<String, String> conf =
        CatalogSettings.jdbcWithS3(
            "lake",
            "jdbc:sqlite:/data/catalog.db",
            "s3://appstore-lake/warehouse/",
            URI.create("http://127.0.0.1:9000"),
            "eu-west-1");

    assertThat(conf)
        .containsExactly(
            entry("spark.sql.extensions", CatalogSettings.ICEBERG_EXTENSIONS),
            entry("spark.sql.catalog.lake", CatalogSettings.SPARK_CATALOG),
            entry("spark.sql.catalog.lake.type", "jdbc"),
            entry("spark.sql.catalog.lake.uri", "jdbc:sqlite:/data/catalog.db"),
            entry("spark.sql.catalog.lake.jdbc.schema-version", "V1"),
            entry("spark.sql.catalog.lake.jdbc.journal_mode", "WAL"),
            entry("spark.sql.catalog.lake.jdbc.busy_timeout", "60000"),
            entry("spark.sql.catalog.lake.warehouse", "s3://appstore-lake/warehouse/"),
            entry("spark.sql.catalog.lake.table-default.format-version", "2"),
            entry("spark.sql.catalog.lake.io-impl", CatalogSettings.S3_FILE_IO),
            entry("spark.sql.catalog.lake.s3.endpoint", "http://127.0.0.1:9000"),
            entry("spark.sql.catalog.lake.s3.path-style-access", "true"),
            entry("spark.sql.catalog.lake.client.region", "eu-west-1"),
            entry("spark.sql.defaultCatalog", "lake"));
  }

  @Test
  void jdbcWithS3OnAwsHasNoEndpoint() {
    Map<String, String> conf =
        CatalogSettings.jdbcWithS3(
            "lake",
            "jdbc:sqlite:/data/catalog.db",
            "s3://appstore-lake/warehouse/",
            null,
            "eu-west-1");

    assertThat(conf).doesNotContainKeys("spark.sql.catalog.lake.s3.endpoint");
    assertThat(conf).containsEntry("spark.sql.catalog.lake.client.region", "eu-west-1");
  }

  @Test
  void s3aReadsPointAtEndpoint() {
    assertThat(CatalogSettings.s3aReads(URI.create("http://127.0.0.1:9000"), "us-east-1"))
        .containsExactly(
            entry("spark.hadoop.fs.s3a.endpoint.region", "us-east-1"),
            entry("spark.hadoop.fs.s3a.endpoint", "http://127.0.0.1:9000"),
            entry("spark.hadoop.fs.s3a.path.style.access", "true"),
            entry("spark.hadoop.fs.s3a.connection.ssl.enabled", "false"));
    assertThat(CatalogSettings.s3aReads(null, "eu-west-1"))
        .containsExactly(entry("spark.hadoop.fs.s3a.endpoint.region", "eu-west-1"));
    assertThatThrownBy(() -> CatalogSettings.s3aReads(URI.create("ftp://host"), "us-east-1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Invalid S3 endpoint: ftp://host (expected http://host:port or https://host)");
  }

  @Test
  void redactedHidesSecretKey() {
    Map<String, String> conf =
        CatalogSettings.jdbcWithS3("lake", "jdbc:sqlite:/c.db", "s3://lake/warehouse/", S3PROXY);

    Map<String, String> redacted = CatalogSettings.redacted(conf);

    assertThat(redacted)
        .containsEntry("spark.sql.catalog.lake.s3.secret-access-key", "****")
        .containsEntry("spark.sql.catalog.lake.s3.access-key-id", "local-access")
        .hasSameSizeAs(conf);
    assertThat(redacted.toString()).doesNotContain("local-secret");
    assertThat(S3PROXY.toString()).doesNotContain("local-secret");
  }

  @Test
  void invalidCatalogNameRejected() {
    assertThatThrownBy(() -> CatalogSettings.glue("my-lake", "s3://b/w/"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Invalid catalog name: my-lake (expected letters, digits and _)");
  }

  @Test
  void valueWithSpaceRejected() {
    assertThatThrownBy(
            () -> CatalogSettings.localJdbc("lake", "jdbc:sqlite:/my lake/c.db", "/tmp/w"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Invalid value of spark.sql.catalog.lake.uri: jdbc:sqlite:/my lake/c.db (expected a"
                + " non-empty value without whitespace or quotes)");
  }

  @Test
  void secretWithSpaceRejectedWithoutEcho() {
    CatalogSettings.S3Endpoint endpoint =
        new CatalogSettings.S3Endpoint(
            URI.create("http://127.0.0.1:9000"), "us-east-1", "access", "secret with space");

    assertThatThrownBy(
            () -> CatalogSettings.jdbcWithS3("lake", "jdbc:sqlite:/c.db", "s3://b/w/", endpoint))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Invalid value of spark.sql.catalog.lake.s3.secret-access-key: **** (expected a"
                + " non-empty value without whitespace or quotes)");
  }
}
