package io.appstoreetl.launcher;

import io.appstoreetl.emr.AwsSettings;
import io.appstoreetl.emr.CatalogSettings;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The region, endpoint and credentials with which the launcher's child processes reach S3: the
 * extractor (AWS SDK v2), and the Spark job, which reads {@code s3a://} through hadoop-aws and
 * writes the warehouse through Iceberg's S3FileIO.
 *
 * <p>Credentials reach the children only through their environment ({@code AWS_ACCESS_KEY_ID},
 * {@code AWS_SECRET_ACCESS_KEY}, {@code AWS_SESSION_TOKEN}), never on a command line. Without them
 * each client uses its SDK's default chain (a profile or an instance role).
 *
 * @param region the region name ({@code AWS_REGION})
 * @param endpoint an S3-compatible server ({@code S3_ENDPOINT_URL}), or null for AWS
 * @param credentials the {@code AWS_*} credential variables that are set
 */
record S3Access(String region, URI endpoint, Map<String, String> credentials) {

  static final String AWS_REGION = "AWS_REGION";
  static final String S3_ENDPOINT_URL = "S3_ENDPOINT_URL";
  static final String S3_BUCKET = "S3_BUCKET";
  static final String S3_PREFIX = "S3_PREFIX";
  private static final String[] CREDENTIAL_VARIABLES = {
    "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"
  };

  S3Access {
    credentials = Map.copyOf(credentials);
  }

  /**
   * Reads the settings.
   *
   * @throws LauncherException naming a missing or invalid setting
   */
  static S3Access from(Map<String, String> settings) {
    String region = settings.get(AWS_REGION);
    if (region == null || region.isBlank()) {
      throw new LauncherException(
          ExitCodes.USAGE,
          "Missing " + AWS_REGION + " (needed for S3; set it in the environment or the env file)");
    }
    URI endpoint = null;
    String endpointText = settings.get(S3_ENDPOINT_URL);
    if (endpointText != null && !endpointText.isBlank()) {
      endpoint = endpoint(endpointText.trim());
    }
    Map<String, String> credentials = new LinkedHashMap<>();
    for (String name : CREDENTIAL_VARIABLES) {
      String value = settings.get(name);
      if (value != null && !value.isBlank()) {
        credentials.put(name, value.trim());
      }
    }

    return new S3Access(region.trim(), endpoint, credentials);
  }

  /** Returns the variables that give a child process this access. */
  Map<String, String> environment() {
    Map<String, String> environment = new LinkedHashMap<>(credentials);
    environment.put(AWS_REGION, region);
    if (endpoint != null) {
      environment.put(S3_ENDPOINT_URL, endpoint.toString());
      // S3Proxy 2.6.0 and other S3-compatible servers reject the CRC32 trailers that AWS SDK v2
      // (2.30 and later) adds to uploads by default; S3FileIO reads these two variables.
      environment.put("AWS_REQUEST_CHECKSUM_CALCULATION", "WHEN_REQUIRED");
      environment.put("AWS_RESPONSE_CHECKSUM_VALIDATION", "WHEN_REQUIRED");
    }

    return environment;
  }

  /**
   * Returns these settings as the emr module's S3 client takes them ({@code AwsClients.s3}).
   *
   * @throws LauncherException when only one of the access key id and the secret is set
   */
  AwsSettings awsSettings() {
    try {
      return new AwsSettings(
          region,
          endpoint,
          credentials.get("AWS_ACCESS_KEY_ID"),
          credentials.get("AWS_SECRET_ACCESS_KEY"),
          credentials.get("AWS_SESSION_TOKEN"));
    } catch (IllegalArgumentException e) {
      throw new LauncherException(ExitCodes.USAGE, e.getMessage());
    }
  }

  /** Returns the Spark conf for {@code s3a://} reads. */
  Map<String, String> s3aConf() {
    return CatalogSettings.s3aReads(endpoint, region);
  }

  /** Returns whether {@code uri} names an S3 location ({@code s3://} or {@code s3a://}). */
  static boolean isS3(String uri) {
    String lower = uri.toLowerCase(Locale.ROOT);
    return lower.startsWith("s3://") || lower.startsWith("s3a://");
  }

  /**
   * Returns {@code uri} as the local Spark job reads it: {@code s3://} becomes {@code s3a://},
   * because outside EMR only hadoop-aws's S3A file system is on the classpath.
   */
  static String forLocalSpark(String uri) {
    return uri.toLowerCase(Locale.ROOT).startsWith("s3://") ? "s3a://" + uri.substring(5) : uri;
  }

  private static URI endpoint(String text) {
    String expected = " (expected http://host:port or https://host of an S3-compatible server)";
    URI uri;
    try {
      uri = URI.create(text);
    } catch (IllegalArgumentException e) {
      throw new LauncherException(
          ExitCodes.USAGE, "Invalid " + S3_ENDPOINT_URL + ": " + text + expected);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
      throw new LauncherException(
          ExitCodes.USAGE, "Invalid " + S3_ENDPOINT_URL + ": " + text + expected);
    }

    return uri;
  }

  @Override
  public String toString() {
    return "S3Access[region=" + region + ", endpoint=" + endpoint + "]";
  }
}
