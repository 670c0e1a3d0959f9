package io.appstoreetl.launcher.health;

import io.appstoreetl.emr.AwsSettings;
import io.appstoreetl.settings.DotEnv;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The settings of {@code health}, from the environment or, where it lacks one, from {@code .env} in
 * the working directory (the same names and rules as the {@code emr} commands):
 *
 * <ul>
 *   <li>{@code HEALTH_WEBHOOK_URL}, {@code HEALTH_SNS_TOPIC_ARN}, {@code
 *       HEALTH_CLOUDWATCH_NAMESPACE}: where {@code --alert} sends; any combination;
 *   <li>{@code S3_BUCKET}, {@code S3_PREFIX}, {@code GLUE_DB}: the lake on AWS ({@code --aws});
 *   <li>{@code S3_ENDPOINT_URL}, {@code GLUE_ENDPOINT_URL}: optional endpoints of S3 (an
 *       S3-compatible server, reached with path-style requests) and of Glue, over {@code
 *       AWS_ENDPOINT_URL};
 *   <li>{@code AWS_REGION}, {@code AWS_ENDPOINT_URL}, {@code AWS_ACCESS_KEY_ID}, {@code
 *       AWS_SECRET_ACCESS_KEY}, {@code AWS_SESSION_TOKEN}: the AWS clients.
 * </ul>
 */
public final class HealthSettings {
  public static final String WEBHOOK_URL = "HEALTH_WEBHOOK_URL";
  public static final String SNS_TOPIC_ARN = "HEALTH_SNS_TOPIC_ARN";
  public static final String CLOUDWATCH_NAMESPACE = "HEALTH_CLOUDWATCH_NAMESPACE";
  public static final String S3_ENDPOINT_URL = "S3_ENDPOINT_URL";
  public static final String GLUE_ENDPOINT_URL = "GLUE_ENDPOINT_URL";

  private static final Pattern TOPIC_ARN =
      Pattern.compile("arn:aws[a-z-]*:sns:[a-z0-9-]+:[0-9]{12}:[A-Za-z0-9_-]{1,256}(\\.fifo)?");
  private static final Pattern NAMESPACE = Pattern.compile("[A-Za-z0-9./_#:-]{1,255}");
  private static final Pattern REGION = Pattern.compile("[a-z]{2,}(-[a-z]+)+-[0-9]+");

  private final Map<String, String> values;

  private HealthSettings(Map<String, String> values) {
    this.values = values;
  }

  /**
   * Reads {@code environment} over {@code settingsFile} (a {@code .env} file, see {@code DotEnv});
   * a missing file contains no settings.
   */
  public static HealthSettings load(Map<String, String> environment, Path settingsFile) {
    Map<String, String> values = new HashMap<>(dotEnv(settingsFile));
    environment.forEach(
        (name, value) -> {
          if (value != null && !value.isEmpty()) {
            values.put(name, value);
          }
        });
    return new HealthSettings(values);
  }

  /** Returns a setting, or null when it is not set. */
  public String value(String name) {
    String value = values.get(name);
    return value == null || value.isBlank() ? null : value.trim();
  }

  /**
   * Returns the webhook URL, or null. Only https, or http to a loopback address (a local receiver),
   * is accepted; the message of an invalid URL names its scheme and host only, never its path,
   * which often carries a secret token.
   */
  public URI webhook() {
    String text = value(WEBHOOK_URL);
    if (text == null) {
      return null;
    }
    URI uri;
    try {
      uri = URI.create(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "Invalid " + WEBHOOK_URL + ": not a URL (expected https://host/path)");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (uri.getHost() == null
        || !(scheme.equals("https") || (scheme.equals("http") && isLoopback(uri.getHost())))) {
      throw new IllegalArgumentException(
          "Invalid "
              + WEBHOOK_URL
              + ": "
              + redact(uri)
              + " (expected https://host/path, or http://<loopback address>:port/path)");
    }
    return uri;
  }

  /** Returns the SNS topic ARN, or null. */
  public String snsTopicArn() {
    String arn = value(SNS_TOPIC_ARN);
    if (arn != null && !TOPIC_ARN.matcher(arn).matches()) {
      throw new IllegalArgumentException(
          "Invalid "
              + SNS_TOPIC_ARN
              + ": "
              + arn
              + " (expected arn:aws:sns:<region>:<12-digit account>:<topic name>)");
    }
    return arn;
  }

  /** Returns the CloudWatch namespace, or null. */
  public String cloudWatchNamespace() {
    String namespace = value(CLOUDWATCH_NAMESPACE);
    if (namespace != null
        && (!NAMESPACE.matcher(namespace).matches() || namespace.startsWith("AWS/"))) {
      throw new IllegalArgumentException(
          "Invalid "
              + CLOUDWATCH_NAMESPACE
              + ": "
              + namespace
              + " (expected letters, digits and . / _ # : -, not starting with AWS/)");
    }
    return namespace;
  }

  /**
   * Returns the endpoint that the setting {@code name} holds, or null when it is not set.
   *
   * @throws IllegalArgumentException when it is not an http or https URL with a host
   */
  public URI endpoint(String name) {
    String text = value(name);
    if (text == null) {
      return null;
    }
    String expected = " (expected http://host:port or https://host)";
    URI uri;
    try {
      uri = URI.create(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Invalid " + name + ": " + text + expected);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
      throw new IllegalArgumentException("Invalid " + name + ": " + text + expected);
    }
    return uri;
  }

  /** Returns the AWS client settings; {@code AWS_REGION} is required. */
  public AwsSettings aws() {
    String region = value("AWS_REGION");
    if (region == null) {
      throw new IllegalArgumentException("Missing setting AWS_REGION (needed by the AWS clients)");
    }
    if (!REGION.matcher(region).matches()) {
      throw new IllegalArgumentException(
          "Invalid AWS_REGION: " + region + " (expected a region name such as us-east-1)");
    }
    URI endpoint = null;
    String endpointText = value("AWS_ENDPOINT_URL");
    if (endpointText != null) {
      endpoint = URI.create(endpointText);
      String scheme =
          endpoint.getScheme() == null ? "" : endpoint.getScheme().toLowerCase(Locale.ROOT);
      if (endpoint.getHost() == null
          || !(scheme.equals("https")
              || (scheme.equals("http") && isLoopback(endpoint.getHost())))) {
        throw new IllegalArgumentException(
            "Invalid AWS_ENDPOINT_URL: "
                + endpointText
                + " (expected https://host[:port], or http://<loopback address>:port)");
      }
    }
    return new AwsSettings(
        region,
        endpoint,
        value("AWS_ACCESS_KEY_ID"),
        value("AWS_SECRET_ACCESS_KEY"),
        value("AWS_SESSION_TOKEN"));
  }

  /** Returns a URL as {@code scheme://host[:port]}, without path or query, for messages. */
  public static String redact(URI uri) {
    return uri.getScheme()
        + "://"
        + uri.getHost()
        + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
        + (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "" : "/…");
  }

  private static boolean isLoopback(String host) {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private static Map<String, String> dotEnv(Path file) {
    try {
      return DotEnv.read(file);
    } catch (DotEnv.DotEnvException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }
}
