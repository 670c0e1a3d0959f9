package io.appstoreetl.emr;

import io.appstoreetl.settings.DotEnv;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The settings of the {@code emr} commands. Each comes from the environment or, where the
 * environment lacks it, from a {@code .env} file in the working directory ({@code KEY=VALUE} lines,
 * {@code #} comments, optional {@code export} and quotes, as the extractor reads it).
 *
 * <ul>
 *   <li>{@code S3_BUCKET}, {@code S3_PREFIX} (default empty: the bucket's root) and {@code
 *       AWS_REGION}: needed by deploy and submit;
 *   <li>{@code EMR_APPLICATION_ID} and {@code EMR_EXECUTION_ROLE_ARN}: needed by submit;
 *   <li>{@code GLUE_DB} (default {@code appstore}), {@code EMR_LOG_URI} (default {@code
 *       s3://<bucket>/<prefix>/emr-logs/}), {@code EMR_JOB_JAR_URI} (default the jar that deploy
 *       uploads) and {@code EMR_EXECUTION_TIMEOUT_MINUTES} (default 180): optional for submit;
 *   <li>{@code AWS_ENDPOINT_URL}: optional endpoint of every AWS client, for a local stub or an
 *       S3-compatible server;
 *   <li>{@code AWS_ACCESS_KEY_ID}, {@code AWS_SECRET_ACCESS_KEY} and {@code AWS_SESSION_TOKEN}:
 *       optional; without them the SDK's default credentials chain applies.
 * </ul>
 */
public final class EmrConfig {

  public static final String S3_BUCKET = "S3_BUCKET";
  public static final String S3_PREFIX = "S3_PREFIX";
  public static final String AWS_REGION = "AWS_REGION";
  public static final String GLUE_DB = "GLUE_DB";
  public static final String EMR_APPLICATION_ID = "EMR_APPLICATION_ID";
  public static final String EMR_EXECUTION_ROLE_ARN = "EMR_EXECUTION_ROLE_ARN";
  public static final String EMR_LOG_URI = "EMR_LOG_URI";
  public static final String EMR_JOB_JAR_URI = "EMR_JOB_JAR_URI";
  public static final String EMR_EXECUTION_TIMEOUT_MINUTES = "EMR_EXECUTION_TIMEOUT_MINUTES";
  public static final String AWS_ENDPOINT_URL = "AWS_ENDPOINT_URL";
  public static final String AWS_ACCESS_KEY_ID = "AWS_ACCESS_KEY_ID";
  public static final String AWS_SECRET_ACCESS_KEY = "AWS_SECRET_ACCESS_KEY";
  public static final String AWS_SESSION_TOKEN = "AWS_SESSION_TOKEN";

  public static final String DEFAULT_DATABASE = "appstore";
  // An estimate: a daily run covers a few metric dates; a long backfill should raise it.
  public static final int DEFAULT_EXECUTION_TIMEOUT_MINUTES = 180;
  public static final String DOT_ENV = ".env";

  private static final Pattern REGION = Pattern.compile("[a-z]{2,}(-[a-z]+)+-[0-9]+");

  private final Map<String, String> settings;

  private EmrConfig(Map<String, String> settings) {
    this.settings = settings;
  }

  /**
   * Reads the settings from {@code environment} and {@code .env} in {@code workingDirectory}; the
   * environment's non-empty values win.
   *
   * @throws EmrException with {@link EmrExitCodes#UNEXPECTED_STATE} if {@code .env} exists but
   *     cannot be read or has a line that is not {@code KEY=VALUE}
   */
  public static EmrConfig load(Map<String, String> environment, Path workingDirectory) {
    Map<String, String> settings = new HashMap<>(readDotEnv(workingDirectory.resolve(DOT_ENV)));
    environment.forEach(
        (name, value) -> {
          if (value != null && !value.isEmpty()) {
            settings.put(name, value);
          }
        });

    return new EmrConfig(Collections.unmodifiableMap(settings));
  }

  /**
   * Returns what {@code emr deploy} needs.
   *
   * @throws EmrException with {@link EmrExitCodes#UNEXPECTED_STATE} naming every missing setting at
   *     once, or the first invalid one
   */
  public DeploySettings forDeploy() {
    requirePresent(List.of(S3_BUCKET, AWS_REGION));
    return invalidAsConfigError(() -> new DeploySettings(aws(), lake()));
  }

  /**
   * Returns what {@code emr submit} needs.
   *
   * @throws EmrException with {@link EmrExitCodes#UNEXPECTED_STATE} naming every missing setting at
   *     once, or the first invalid one
   */
  public SubmitSettings forSubmit() {
    requirePresent(List.of(S3_BUCKET, AWS_REGION, EMR_APPLICATION_ID, EMR_EXECUTION_ROLE_ARN));
    return invalidAsConfigError(() -> new SubmitSettings(aws(), jobSettings()));
  }

  /**
   * Returns the submit settings without checking the AWS region and credentials, for building the
   * job's spark-submit arguments without calling AWS.
   */
  public EmrJobSettings jobSettings() {
    requirePresent(List.of(S3_BUCKET, EMR_APPLICATION_ID, EMR_EXECUTION_ROLE_ARN));
    return invalidAsConfigError(
        () -> {
          S3Lake lake = lake();
          return new EmrJobSettings(
              value(EMR_APPLICATION_ID),
              value(EMR_EXECUTION_ROLE_ARN),
              lake,
              valueOr(GLUE_DB, DEFAULT_DATABASE),
              CatalogSettings.DEFAULT_CATALOG_NAME,
              valueOr(EMR_JOB_JAR_URI, lake.jarsFolder() + JobJar.fileName()),
              folder(valueOr(EMR_LOG_URI, lake.emrLogs())),
              executionTimeoutMinutes());
        });
  }

  private S3Lake lake() {
    return new S3Lake(value(S3_BUCKET), valueOr(S3_PREFIX, ""));
  }

  private AwsSettings aws() {
    String region = value(AWS_REGION);
    if (!REGION.matcher(region).matches()) {
      throw new IllegalArgumentException(
          "Invalid " + AWS_REGION + ": " + region + " (expected a region name such as us-east-1)");
    }

    String accessKeyId = value(AWS_ACCESS_KEY_ID);
    String secretAccessKey = value(AWS_SECRET_ACCESS_KEY);
    if ((accessKeyId == null) != (secretAccessKey == null)) {
      throw new IllegalArgumentException(
          "Invalid AWS credentials: set both "
              + AWS_ACCESS_KEY_ID
              + " and "
              + AWS_SECRET_ACCESS_KEY
              + ", or neither to use the SDK's default credentials chain");
    }

    return new AwsSettings(
        region, endpointOverride(), accessKeyId, secretAccessKey, value(AWS_SESSION_TOKEN));
  }

  private URI endpointOverride() {
    String text = value(AWS_ENDPOINT_URL);
    if (text == null) {
      return null;
    }

    String expected = "expected https://host[:port], or http://<loopback address>:port";
    URI uri;
    try {
      uri = URI.create(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "Invalid " + AWS_ENDPOINT_URL + ": " + text + " (" + expected + ")");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    boolean valid =
        uri.getHost() != null
            && uri.getRawQuery() == null
            && uri.getRawUserInfo() == null
            && (scheme.equals("https") || (scheme.equals("http") && isLoopback(uri.getHost())));
    if (!valid) {
      throw new IllegalArgumentException(
          "Invalid " + AWS_ENDPOINT_URL + ": " + text + " (" + expected + ")");
    }

    return uri;
  }

  private int executionTimeoutMinutes() {
    String text = value(EMR_EXECUTION_TIMEOUT_MINUTES);
    if (text == null) {
      return DEFAULT_EXECUTION_TIMEOUT_MINUTES;
    }
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "Invalid " + EMR_EXECUTION_TIMEOUT_MINUTES + ": " + text + " (expected minutes)");
    }
  }

  /** EMR writes logs under the URI as a folder; a missing trailing slash is added. */
  private static String folder(String uri) {
    return uri.endsWith("/") ? uri : uri + "/";
  }

  private String value(String name) {
    String value = settings.get(name);
    return value == null || value.isBlank() ? null : value.trim();
  }

  private String valueOr(String name, String defaultValue) {
    String value = value(name);
    return value == null ? defaultValue : value;
  }

  private void requirePresent(List<String> names) {
    List<String> missing = new ArrayList<>();
    for (String name : names) {
      if (value(name) == null) {
        missing.add(name);
      }
    }
    if (!missing.isEmpty()) {
      throw new EmrException(
          EmrExitCodes.UNEXPECTED_STATE,
          "Missing configuration: "
              + String.join(", ", missing)
              + " (set them in the environment or in "
              + DOT_ENV
              + ")");
    }
  }

  private static <T> T invalidAsConfigError(java.util.function.Supplier<T> supplier) {
    try {
      return supplier.get();
    } catch (IllegalArgumentException e) {
      throw new EmrException(EmrExitCodes.UNEXPECTED_STATE, e.getMessage());
    }
  }

  private static boolean isLoopback(String host) {
    String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    if (bare.equalsIgnoreCase("localhost")) {
      return true;
    }
    // Only literal addresses reach InetAddress here, so no DNS lookup happens.
    if (!bare.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}|[0-9A-Fa-f]*:[0-9A-Fa-f:.]*")) {
      return false;
    }
    try {
      return InetAddress.getByName(bare).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /** Reads a {@code .env} file (see {@link DotEnv}); a missing file gives no settings. */
  static Map<String, String> readDotEnv(Path file) {
    try {
      return DotEnv.read(file);
    } catch (DotEnv.DotEnvException e) {
      throw new EmrException(EmrExitCodes.UNEXPECTED_STATE, e.getMessage());
    }
  }

  /** Settings of {@code emr deploy}: AWS access and the lake's place on S3. */
  public record DeploySettings(AwsSettings aws, S3Lake lake) {}

  /** Settings of {@code emr submit}: AWS access and the job run's settings. */
  public record SubmitSettings(AwsSettings aws, EmrJobSettings job) {}
}
