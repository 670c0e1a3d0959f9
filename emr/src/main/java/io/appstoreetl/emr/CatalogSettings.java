package io.appstoreetl.emr;

import java.net.URI;
import java.nio.file.Paths;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The Spark conf of the Iceberg catalog in each profile, in one place:
 *
 * <ul>
 *   <li>{@link #glue}: AWS Glue catalog and S3FileIO, as EMR Serverless runs the job;
 *   <li>{@link #localJdbc}: Iceberg JDBC catalog on SQLite with a local warehouse folder;
 *   <li>{@link #jdbcWithS3}: the same JDBC catalog with its warehouse on S3 or an S3-compatible
 *       server through S3FileIO;
 *   <li>{@link #s3aReads}: not a catalog, but the Hadoop settings with which the job reads an
 *       {@code s3a://} raw zone outside EMR.
 * </ul>
 *
 * <p>Every map also sets {@code spark.sql.extensions} to Iceberg's extensions, {@code
 * spark.sql.defaultCatalog} to the catalog, and the table default {@code format-version=2}: Athena
 * reads Iceberg v2 tables only, and EMR 7.12 and later can write v3. The job's own {@code
 * --catalog-uri} and {@code --warehouse} options are ignored once the conf defines {@code
 * spark.sql.catalog.<name>}.
 *
 * <p>Maps keep insertion order, so the generated {@code --conf} list is stable. Values never
 * contain whitespace, because EMR Serverless splits {@code sparkSubmitParameters} at whitespace.
 */
public final class CatalogSettings {

  public static final String DEFAULT_CATALOG_NAME = "lake";

  public static final String ICEBERG_EXTENSIONS =
      "org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions";
  public static final String SPARK_CATALOG = "org.apache.iceberg.spark.SparkCatalog";
  public static final String GLUE_CATALOG = "org.apache.iceberg.aws.glue.GlueCatalog";
  public static final String S3_FILE_IO = "org.apache.iceberg.aws.s3.S3FileIO";

  /** The Iceberg Spark runtime that EMR 7.x images ship; its version follows the EMR release. */
  public static final String EMR_ICEBERG_RUNTIME_JAR =
      "/usr/share/aws/iceberg/lib/iceberg-spark3-runtime.jar";

  /** The Hive metastore client that AWS documents for Glue-backed Iceberg on EMR Serverless. */
  public static final String GLUE_HIVE_CLIENT_FACTORY =
      "com.amazonaws.glue.catalog.metastore.AWSGlueDataCatalogHiveClientFactory";

  public static final String FORMAT_VERSION = "2";

  /** Marks a secret in {@link #redacted} output. */
  public static final String REDACTED = "****";

  private static final Pattern CATALOG_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Pattern URI_SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*:.*");

  private CatalogSettings() {}

  /**
   * Returns the conf for the AWS Glue catalog with S3FileIO, as EMR Serverless runs the job.
   *
   * <p>The keys follow AWS's guide to Iceberg on EMR Serverless; GlueCatalog uses Glue's optimistic
   * locking, the only kind Athena supports, so no lock manager is set. Whether Glue, S3 and the EMR
   * image accept them is verified only on AWS.
   *
   * @param catalogName Spark catalog name, such as {@code lake}
   * @param warehouse an {@code s3://} URI, such as {@code s3://bucket/prefix/warehouse/}
   */
  public static Map<String, String> glue(String catalogName, String warehouse) {
    String prefix = catalogPrefix(catalogName);
    requireScheme("warehouse", warehouse, "s3");

    Map<String, String> conf = new LinkedHashMap<>();
    conf.put("spark.jars", EMR_ICEBERG_RUNTIME_JAR);
    conf.put("spark.hadoop.hive.metastore.client.factory.class", GLUE_HIVE_CLIENT_FACTORY);
    conf.put("spark.sql.extensions", ICEBERG_EXTENSIONS);
    conf.put(prefix, SPARK_CATALOG);
    conf.put(prefix + ".catalog-impl", GLUE_CATALOG);
    conf.put(prefix + ".io-impl", S3_FILE_IO);
    conf.put(prefix + ".warehouse", warehouse);
    conf.put(prefix + ".table-default.format-version", FORMAT_VERSION);
    conf.put("spark.sql.defaultCatalog", catalogName);

    return checked(conf);
  }

  /**
   * Returns the conf for the AWS Glue catalog with S3FileIO in a Spark process outside EMR, such as
   * the one {@code appstore-etl health --aws} starts on an operator's machine.
   *
   * <p>It differs from {@link #glue} in three ways. It names no EMR jar and no Hive client factory,
   * because the launcher's Spark classpath already contains the Iceberg runtime and {@code
   * iceberg-aws-bundle}. It sets the region, which EMR would provide. And it takes optional
   * endpoint overrides: a Glue endpoint, such as a VPC endpoint, and an S3-compatible server
   * reached with path-style requests. The conf contains no secret: Glue and S3FileIO take
   * credentials from the AWS SDK's default chain in the Spark process.
   *
   * @param warehouse an {@code s3://} URI, such as {@code s3://bucket/prefix/warehouse/}
   * @param glueEndpoint the Glue endpoint, or null for the region's
   * @param s3Endpoint an S3-compatible server, or null for AWS S3
   * @param region the region name, such as {@code us-east-1}
   */
  public static Map<String, String> glueOutsideEmr(
      String catalogName, String warehouse, URI glueEndpoint, URI s3Endpoint, String region) {
    Objects.requireNonNull(region, "region == null");
    requireScheme("warehouse", warehouse, "s3");
    String prefix = catalogPrefix(catalogName);

    Map<String, String> conf = new LinkedHashMap<>();
    conf.put("spark.sql.extensions", ICEBERG_EXTENSIONS);
    conf.put(prefix, SPARK_CATALOG);
    conf.put(prefix + ".catalog-impl", GLUE_CATALOG);
    conf.put(prefix + ".io-impl", S3_FILE_IO);
    conf.put(prefix + ".warehouse", warehouse);
    conf.put(prefix + ".table-default.format-version", FORMAT_VERSION);
    conf.put(prefix + ".client.region", region);
    if (glueEndpoint != null) {
      conf.put(prefix + ".glue.endpoint", endpointUri(glueEndpoint).toString());
    }
    if (s3Endpoint != null) {
      conf.put(prefix + ".s3.endpoint", endpointUri(s3Endpoint).toString());
      conf.put(prefix + ".s3.path-style-access", "true");
    }
    conf.put("spark.sql.defaultCatalog", catalogName);

    return checked(conf);
  }

  /**
   * Returns the conf for the Iceberg JDBC catalog with a local warehouse, as {@code
   * SparkSessions.configureCatalog} in the Spark job sets it from {@code --catalog-uri} and {@code
   * --warehouse}.
   *
   * @param catalogName Spark catalog name, such as {@code lake}
   * @param jdbcUri the catalog database, such as {@code jdbc:sqlite:/data/lake/catalog.db}
   * @param warehouse a URI, or a local path that becomes an absolute {@code file:} URI
   */
  public static Map<String, String> localJdbc(
      String catalogName, String jdbcUri, String warehouse) {
    Map<String, String> conf = jdbc(catalogName, jdbcUri, warehouseUri(warehouse));
    conf.put("spark.sql.defaultCatalog", catalogName);

    return checked(conf);
  }

  /**
   * Returns the conf for the Iceberg JDBC catalog with its warehouse on an S3-compatible server,
   * such as S3Proxy, through S3FileIO with path-style access.
   *
   * <p>Outside EMR the Iceberg Spark runtime does not contain the AWS SDK that S3FileIO needs, so
   * the Spark classpath must also hold {@code org.apache.iceberg:iceberg-aws-bundle} of the same
   * Iceberg version. The map contains the secret access key: print it only through {@link
   * #redacted}.
   *
   * @param warehouse an {@code s3://} URI on that server, such as {@code s3://lake/warehouse/}
   */
  public static Map<String, String> jdbcWithS3(
      String catalogName, String jdbcUri, String warehouse, S3Endpoint endpoint) {
    Objects.requireNonNull(endpoint, "endpoint == null");
    requireScheme("warehouse", warehouse, "s3");
    String prefix = catalogPrefix(catalogName);

    Map<String, String> conf = jdbc(catalogName, jdbcUri, warehouse);
    conf.put(prefix + ".io-impl", S3_FILE_IO);
    conf.put(prefix + ".s3.endpoint", endpoint.uri().toString());
    conf.put(prefix + ".s3.path-style-access", "true");
    conf.put(prefix + ".s3.access-key-id", endpoint.accessKeyId());
    conf.put(prefix + ".s3.secret-access-key", endpoint.secretAccessKey());
    conf.put(prefix + ".client.region", endpoint.region());
    conf.put("spark.sql.defaultCatalog", catalogName);

    return checked(conf);
  }

  /**
   * Returns the conf for the Iceberg JDBC catalog with its warehouse on S3 through S3FileIO, taking
   * credentials from the AWS SDK's default chain in the Spark process (its environment variables, a
   * profile or an instance role), so the conf contains no secret.
   *
   * <p>Outside EMR the Spark classpath must also hold {@code org.apache.iceberg:iceberg-aws-bundle}
   * of the same Iceberg version. Against S3Proxy 2.6.0 the process also needs {@code
   * AWS_REQUEST_CHECKSUM_CALCULATION=WHEN_REQUIRED} and {@code
   * AWS_RESPONSE_CHECKSUM_VALIDATION=WHEN_REQUIRED} in its environment: S3Proxy rejects the CRC32
   * trailers that the SDK sends by default over plain HTTP.
   *
   * @param warehouse an {@code s3://} URI, such as {@code s3://bucket/prefix/warehouse/}
   * @param endpoint an S3-compatible server, such as {@code http://127.0.0.1:9000}, or null for AWS
   * @param region the region name the signer uses, such as {@code us-east-1}
   */
  public static Map<String, String> jdbcWithS3(
      String catalogName, String jdbcUri, String warehouse, URI endpoint, String region) {
    Objects.requireNonNull(region, "region == null");
    requireScheme("warehouse", warehouse, "s3");
    String prefix = catalogPrefix(catalogName);

    Map<String, String> conf = jdbc(catalogName, jdbcUri, warehouse);
    conf.put(prefix + ".io-impl", S3_FILE_IO);
    if (endpoint != null) {
      conf.put(prefix + ".s3.endpoint", endpointUri(endpoint).toString());
      conf.put(prefix + ".s3.path-style-access", "true");
    }
    conf.put(prefix + ".client.region", region);
    conf.put("spark.sql.defaultCatalog", catalogName);

    return checked(conf);
  }

  /**
   * Returns the Hadoop settings with which Spark reads {@code s3a://} URIs (the raw zone, a legacy
   * folder) outside EMR, through hadoop-aws 3.3.4. Credentials come from S3A's default providers,
   * which include the {@code AWS_ACCESS_KEY_ID} and {@code AWS_SECRET_ACCESS_KEY} environment
   * variables, so the conf contains no secret. On EMR, EMRFS serves {@code s3://} and none of this
   * is needed.
   *
   * @param endpoint an S3-compatible server, or null for AWS
   */
  public static Map<String, String> s3aReads(URI endpoint, String region) {
    Objects.requireNonNull(region, "region == null");
    Map<String, String> conf = new LinkedHashMap<>();
    conf.put("spark.hadoop.fs.s3a.endpoint.region", region);
    if (endpoint != null) {
      URI checkedEndpoint = endpointUri(endpoint);
      conf.put("spark.hadoop.fs.s3a.endpoint", checkedEndpoint.toString());
      conf.put("spark.hadoop.fs.s3a.path.style.access", "true");
      conf.put(
          "spark.hadoop.fs.s3a.connection.ssl.enabled",
          String.valueOf(checkedEndpoint.getScheme().equalsIgnoreCase("https")));
    }

    return checked(conf);
  }

  private static URI endpointUri(URI endpoint) {
    String scheme =
        endpoint.getScheme() == null ? "" : endpoint.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || endpoint.getHost() == null) {
      throw new IllegalArgumentException(
          "Invalid S3 endpoint: " + endpoint + " (expected http://host:port or https://host)");
    }

    return endpoint;
  }

  /** Returns a copy of {@code conf} with the value of every secret key replaced by {@code ****}. */
  public static Map<String, String> redacted(Map<String, String> conf) {
    Map<String, String> copy = new LinkedHashMap<>();
    conf.forEach((key, value) -> copy.put(key, isSecret(key) ? REDACTED : value));

    return Collections.unmodifiableMap(copy);
  }

  /** Returns {@code spark.sql.catalog.<catalogName>}, the prefix of the catalog's keys. */
  public static String catalogPrefix(String catalogName) {
    Objects.requireNonNull(catalogName, "catalogName == null");
    if (!CATALOG_NAME.matcher(catalogName).matches()) {
      throw new IllegalArgumentException(
          "Invalid catalog name: " + catalogName + " (expected letters, digits and _)");
    }

    return "spark.sql.catalog." + catalogName;
  }

  static boolean isSecret(String key) {
    String lower = key.toLowerCase(Locale.ROOT);
    return lower.contains("secret") || lower.contains("password") || lower.contains("token");
  }

  private static Map<String, String> jdbc(String catalogName, String jdbcUri, String warehouse) {
    String prefix = catalogPrefix(catalogName);
    Objects.requireNonNull(jdbcUri, "jdbcUri == null");
    if (!jdbcUri.startsWith("jdbc:")) {
      throw new IllegalArgumentException(
          "Invalid catalog URI: " + jdbcUri + " (expected a JDBC URI such as jdbc:sqlite:<path>)");
    }

    Map<String, String> conf = new LinkedHashMap<>();
    conf.put("spark.sql.extensions", ICEBERG_EXTENSIONS);
    conf.put(prefix, SPARK_CATALOG);
    conf.put(prefix + ".type", "jdbc");
    conf.put(prefix + ".uri", jdbcUri);
    // V1 adds the iceberg_type column that Iceberg needs to store views in a JDBC catalog.
    conf.put(prefix + ".jdbc.schema-version", "V1");
    // In SQLite's default rollback journal, a reading connection of the pool blocks a commit on
    // another one with SQLITE_BUSY. In WAL mode readers do not block the writer.
    conf.put(prefix + ".jdbc.journal_mode", "WAL");
    conf.put(prefix + ".jdbc.busy_timeout", "60000");
    conf.put(prefix + ".warehouse", warehouse);
    conf.put(prefix + ".table-default.format-version", FORMAT_VERSION);

    return conf;
  }

  /** Returns a URI as given, and a local path as an absolute {@code file:} URI. */
  static String warehouseUri(String warehouse) {
    Objects.requireNonNull(warehouse, "warehouse == null");
    if (URI_SCHEME.matcher(warehouse).matches()) {
      return warehouse;
    }

    return Paths.get(warehouse).toAbsolutePath().normalize().toUri().toString();
  }

  private static void requireScheme(String name, String uri, String scheme) {
    Objects.requireNonNull(uri, name + " == null");
    if (!uri.startsWith(scheme + "://") || uri.length() <= scheme.length() + 3) {
      throw new IllegalArgumentException(
          "Invalid " + name + ": " + uri + " (expected " + scheme + "://bucket/path/)");
    }
  }

  private static Map<String, String> checked(Map<String, String> conf) {
    conf.forEach(
        (key, value) -> {
          if (value == null || value.isEmpty() || !SparkJob.isSubmitToken(value)) {
            String printedValue = isSecret(key) ? REDACTED : String.valueOf(value);
            throw new IllegalArgumentException(
                "Invalid value of "
                    + key
                    + ": "
                    + printedValue
                    + " (expected a non-empty value without whitespace or quotes)");
          }
        });

    return Collections.unmodifiableMap(conf);
  }

  /**
   * An S3-compatible server for S3FileIO. {@link #toString} hides the secret access key.
   *
   * @param uri the endpoint, such as {@code http://127.0.0.1:9000}
   * @param region the region name the signer uses, such as {@code us-east-1}
   */
  public record S3Endpoint(URI uri, String region, String accessKeyId, String secretAccessKey) {

    public S3Endpoint {
      Objects.requireNonNull(uri, "uri == null");
      Objects.requireNonNull(region, "region == null");
      Objects.requireNonNull(accessKeyId, "accessKeyId == null");
      Objects.requireNonNull(secretAccessKey, "secretAccessKey == null");
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
        throw new IllegalArgumentException(
            "Invalid S3 endpoint: " + uri + " (expected http://host:port or https://host)");
      }
    }

    @Override
    public String toString() {
      return "S3Endpoint[uri="
          + uri
          + ", region="
          + region
          + ", accessKeyId="
          + accessKeyId
          + ", secretAccessKey="
          + REDACTED
          + "]";
    }
  }
}
