package io.appstoreetl.emr;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The lake's place on S3 and its layout under {@code s3://<bucket>/<prefix>/}:
 *
 * <pre>
 * raw/         raw zone, written by the extractor and read by the Spark job
 * warehouse/   Iceberg table data and metadata (the Glue catalog's warehouse)
 * jars/        the Spark job jar that {@code emr deploy} uploads
 * emr-logs/    EMR Serverless driver and executor logs (default of EMR_LOG_URI)
 * </pre>
 *
 * @param bucket the bucket name ({@code S3_BUCKET})
 * @param prefix the key prefix without leading or trailing slashes, or empty ({@code S3_PREFIX})
 */
public record S3Lake(String bucket, String prefix) {

  // Bucket names as S3 allows them for new buckets: no upper case and no underscores.
  private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
  // Key segments from S3's list of safe characters; no empty, "." or ".." segments.
  private static final Pattern PREFIX_SEGMENT = Pattern.compile("[A-Za-z0-9!_.*'()-]+");

  public S3Lake {
    Objects.requireNonNull(bucket, "bucket == null");
    Objects.requireNonNull(prefix, "prefix == null");
    if (!BUCKET.matcher(bucket).matches() || bucket.contains("..")) {
      throw new IllegalArgumentException(
          "Invalid S3_BUCKET: "
              + bucket
              + " (expected an S3 bucket name: 3 to 63 lower-case letters, digits, dots and"
              + " hyphens)");
    }
    prefix = trimSlashes(prefix);
    if (!prefix.isEmpty()) {
      for (String segment : prefix.split("/", -1)) {
        if (!PREFIX_SEGMENT.matcher(segment).matches()
            || segment.equals(".")
            || segment.equals("..")) {
          throw new IllegalArgumentException(
              "Invalid S3_PREFIX: "
                  + prefix
                  + " (expected segments of letters, digits and !_.*'()- separated by single"
                  + " slashes)");
        }
      }
    }
  }

  /** Returns the key of {@code relativeKey} under the prefix. */
  public String key(String relativeKey) {
    return prefix.isEmpty() ? relativeKey : prefix + "/" + relativeKey;
  }

  /** Returns {@code s3://<bucket>/<prefix>/<relativeKey>}. */
  public String uri(String relativeKey) {
    return "s3://" + bucket + "/" + key(relativeKey);
  }

  /** Returns the raw zone's root, {@code s3://<bucket>/<prefix>/raw}. */
  public String rawRoot() {
    return uri("raw");
  }

  /** Returns the Iceberg warehouse, {@code s3://<bucket>/<prefix>/warehouse/}. */
  public String warehouse() {
    return uri("warehouse/");
  }

  /** Returns the folder of the job jars, {@code s3://<bucket>/<prefix>/jars/}. */
  public String jarsFolder() {
    return uri("jars/");
  }

  /** Returns the default EMR log location, {@code s3://<bucket>/<prefix>/emr-logs/}. */
  public String emrLogs() {
    return uri("emr-logs/");
  }

  private static String trimSlashes(String text) {
    String trimmed = text.trim();
    while (trimmed.startsWith("/")) {
      trimmed = trimmed.substring(1);
    }
    while (trimmed.endsWith("/")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }

    return trimmed;
  }
}
