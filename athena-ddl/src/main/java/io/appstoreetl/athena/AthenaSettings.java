package io.appstoreetl.athena;

import io.appstoreetl.settings.DotEnv;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Settings of {@code athena apply}: the Glue database, the Iceberg warehouse, the Athena workgroup
 * and result location, and the AWS region, endpoint and credentials.
 *
 * <p>Each setting comes from the process environment or, when the environment lacks it, from a
 * {@code .env} file in the working directory ({@code KEY=VALUE} lines, {@code #} comments).
 *
 * <ul>
 *   <li>{@code GLUE_DB}: the database (default {@code appstore}); lowercase letters, digits and
 *       {@code _}, because the views name it without quotes.
 *   <li>{@code S3_BUCKET} and {@code S3_PREFIX}: the warehouse is {@code
 *       s3://<S3_BUCKET>/<S3_PREFIX>/warehouse}, where the Spark job's Glue catalog keeps the
 *       tables.
 *   <li>{@code ATHENA_WORKGROUP} (default {@code primary}) and {@code ATHENA_OUTPUT}, the {@code
 *       s3://} location of query results.
 *   <li>{@code AWS_REGION}; optional {@code AWS_ENDPOINT_URL} and {@code AWS_ACCESS_KEY_ID}, {@code
 *       AWS_SECRET_ACCESS_KEY}, {@code AWS_SESSION_TOKEN} (else the SDK's default credentials).
 * </ul>
 */
public record AthenaSettings(
    String database,
    String warehouse,
    String workgroup,
    String outputLocation,
    String region,
    URI endpointOverride,
    String accessKeyId,
    String secretAccessKey,
    String sessionToken) {

  public static final String GLUE_DB = "GLUE_DB";
  public static final String S3_BUCKET = "S3_BUCKET";
  public static final String S3_PREFIX = "S3_PREFIX";
  public static final String ATHENA_WORKGROUP = "ATHENA_WORKGROUP";
  public static final String ATHENA_OUTPUT = "ATHENA_OUTPUT";
  public static final String AWS_REGION = "AWS_REGION";
  public static final String AWS_ENDPOINT_URL = "AWS_ENDPOINT_URL";
  public static final String AWS_ACCESS_KEY_ID = "AWS_ACCESS_KEY_ID";
  public static final String AWS_SECRET_ACCESS_KEY = "AWS_SECRET_ACCESS_KEY";
  public static final String AWS_SESSION_TOKEN = "AWS_SESSION_TOKEN";

  public static final String DEFAULT_DATABASE = "appstore";
  public static final String DEFAULT_WORKGROUP = "primary";
  public static final String DOT_ENV = ".env";

  private static final Pattern DATABASE = Pattern.compile("[a-z_][a-z0-9_]{0,254}");
  private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
  private static final Pattern PREFIX_SEGMENT = Pattern.compile("[A-Za-z0-9!_.*'()-]+");
  private static final Pattern WORKGROUP = Pattern.compile("[a-zA-Z0-9._-]{1,128}");
  private static final Pattern REGION = Pattern.compile("[a-z]{2,}(-[a-z]+)+-[0-9]+");

  @Override
  public String toString() {
    // Leaves the credentials out, so that the settings can be logged.
    return "AthenaSettings[database="
        + database
        + ", warehouse="
        + warehouse
        + ", workgroup="
        + workgroup
        + ", outputLocation="
        + outputLocation
        + ", region="
        + region
        + ", endpointOverride="
        + endpointOverride
        + "]";
  }

  /**
   * Reads and checks the settings.
   *
   * @throws IllegalArgumentException naming the first missing or invalid setting, or a {@code .env}
   *     that exists but cannot be read or has an invalid line
   */
  public static AthenaSettings load(Map<String, String> environment, Path workingDirectory) {
    Map<String, String> settings = new HashMap<>(readDotEnv(workingDirectory.resolve(DOT_ENV)));
    environment.forEach(
        (name, value) -> {
          if (value != null && !value.isBlank()) {
            settings.put(name, value);
          }
        });

    String database = valueOr(settings, GLUE_DB, DEFAULT_DATABASE);
    check(
        DATABASE, database, GLUE_DB, "lowercase letters, digits and _, not starting with a digit");
    String bucket = required(settings, S3_BUCKET);
    check(BUCKET, bucket, S3_BUCKET, "an S3 bucket name");
    String workgroup = valueOr(settings, ATHENA_WORKGROUP, DEFAULT_WORKGROUP);
    check(WORKGROUP, workgroup, ATHENA_WORKGROUP, "letters, digits, '.', '_' and '-'");
    String output = required(settings, ATHENA_OUTPUT);
    if (!output.startsWith("s3://") || output.length() <= "s3://".length()) {
      throw invalid(ATHENA_OUTPUT, output, "an s3:// URI such as s3://my-bucket/athena-results/");
    }
    String region = required(settings, AWS_REGION);
    check(REGION, region, AWS_REGION, "a region such as eu-west-1");

    URI endpoint = null;
    String endpointValue = settings.get(AWS_ENDPOINT_URL);
    if (endpointValue != null) {
      endpoint = URI.create(endpointValue);
      if (endpoint.getScheme() == null || endpoint.getHost() == null) {
        throw invalid(AWS_ENDPOINT_URL, endpointValue, "an http:// or https:// URL");
      }
    }
    String accessKeyId = settings.get(AWS_ACCESS_KEY_ID);
    String secretAccessKey = settings.get(AWS_SECRET_ACCESS_KEY);
    if ((accessKeyId == null) != (secretAccessKey == null)) {
      throw new IllegalArgumentException(
          "Cannot use static AWS credentials: set both "
              + AWS_ACCESS_KEY_ID
              + " and "
              + AWS_SECRET_ACCESS_KEY
              + ", or neither to use the default credentials");
    }

    return new AthenaSettings(
        database,
        warehouse(bucket, settings.getOrDefault(S3_PREFIX, "")),
        workgroup,
        output,
        region,
        endpoint,
        accessKeyId,
        secretAccessKey,
        settings.get(AWS_SESSION_TOKEN));
  }

  /** Returns {@code s3://<bucket>/<prefix>/warehouse}, without a trailing slash. */
  static String warehouse(String bucket, String prefix) {
    StringBuilder uri = new StringBuilder("s3://").append(bucket).append('/');
    for (String segment : prefix.split("/")) {
      if (segment.isEmpty()) {
        continue;
      }
      check(PREFIX_SEGMENT, segment, S3_PREFIX, "path segments of letters, digits and !_.*'()-");
      uri.append(segment).append('/');
    }

    return uri.append("warehouse").toString();
  }

  private static String required(Map<String, String> settings, String name) {
    String value = settings.get(name);
    if (value == null) {
      throw new IllegalArgumentException(
          "Missing setting " + name + " (set it in the environment or in " + DOT_ENV + ")");
    }

    return value.strip();
  }

  private static String valueOr(Map<String, String> settings, String name, String fallback) {
    String value = settings.get(name);
    return value == null ? fallback : value.strip();
  }

  private static void check(Pattern form, String value, String name, String expected) {
    if (!form.matcher(value).matches()) {
      throw invalid(name, value, expected);
    }
  }

  private static IllegalArgumentException invalid(String name, String value, String expected) {
    return new IllegalArgumentException(
        "Invalid " + name + ": " + value + " (expected " + expected + ")");
  }

  /**
   * Reads a {@code .env} file (see {@link DotEnv}) without its empty values; a missing file gives
   * no settings.
   */
  static Map<String, String> readDotEnv(Path file) {
    Map<String, String> settings;
    try {
      settings = new HashMap<>(DotEnv.read(file));
    } catch (DotEnv.DotEnvException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    settings.values().removeIf(String::isEmpty);
    return settings;
  }
}
