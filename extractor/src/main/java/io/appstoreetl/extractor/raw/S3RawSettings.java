package io.appstoreetl.extractor.raw;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * Where and how the extractor writes a raw zone on S3. {@link #toString} hides the secrets.
 *
 * @param bucket the bucket
 * @param prefix the raw zone's key prefix without leading or trailing {@code /}, or empty
 * @param region the region the client signs for ({@code AWS_REGION})
 * @param endpoint an S3-compatible server ({@code S3_ENDPOINT_URL}), or null for AWS's own
 * @param partSizeBytes multipart upload part size ({@code S3_PART_SIZE_MB})
 * @param accessKeyId static credentials, or null for the SDK's default credentials chain
 * @param secretAccessKey set exactly when {@code accessKeyId} is
 * @param sessionToken the session token of temporary credentials, or null
 */
public record S3RawSettings(
    String bucket,
    String prefix,
    String region,
    URI endpoint,
    int partSizeBytes,
    String accessKeyId,
    String secretAccessKey,
    String sessionToken) {

  /** The smallest part S3 accepts in a multipart upload, except for the last one: 5 MiB. */
  public static final int MIN_PART_SIZE_BYTES = 5 * 1024 * 1024;

  /** The largest part size the extractor accepts: 512 MiB, one buffer of it is held in memory. */
  public static final int MAX_PART_SIZE_MB = 512;

  public static final int DEFAULT_PART_SIZE_MB = 16;

  // Bucket names as S3 allows them for new buckets: no upper case and no underscores.
  private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
  private static final Pattern PREFIX_SEGMENT = Pattern.compile("[A-Za-z0-9!_.*'()=-]+");

  public S3RawSettings {
    Objects.requireNonNull(bucket, "bucket == null");
    Objects.requireNonNull(prefix, "prefix == null");
    Objects.requireNonNull(region, "region == null");
    if ((accessKeyId == null) != (secretAccessKey == null)) {
      throw new IllegalArgumentException(
          "Invalid AWS credentials: set both AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or"
              + " neither");
    }
  }

  /**
   * Parses {@code s3://bucket/prefix} into the bucket and the prefix.
   *
   * @return {bucket, prefix}
   * @throws IllegalArgumentException naming the value and the expected form
   */
  public static String[] parseUri(String uri) {
    String expected = " (expected s3://bucket/prefix with a lower-case S3 bucket name)";
    if (!uri.startsWith("s3://")) {
      throw new IllegalArgumentException("Invalid raw root: " + uri + expected);
    }
    String rest = uri.substring("s3://".length());
    int slash = rest.indexOf('/');
    String bucket = slash < 0 ? rest : rest.substring(0, slash);
    String prefix = slash < 0 ? "" : rest.substring(slash + 1);
    while (prefix.endsWith("/")) {
      prefix = prefix.substring(0, prefix.length() - 1);
    }
    if (!BUCKET.matcher(bucket).matches() || bucket.contains("..")) {
      throw new IllegalArgumentException("Invalid raw root: " + uri + expected);
    }
    if (!prefix.isEmpty()) {
      for (String segment : prefix.split("/", -1)) {
        if (!PREFIX_SEGMENT.matcher(segment).matches()
            || segment.equals(".")
            || segment.equals("..")) {
          throw new IllegalArgumentException(
              "Invalid raw root: "
                  + uri
                  + " (expected prefix segments of letters, digits and !_.*'()=- separated by"
                  + " single slashes)");
        }
      }
    }

    return new String[] {bucket, prefix};
  }

  /**
   * Returns a client for these settings; the caller closes it. With an endpoint override the client
   * uses path-style requests, because S3-compatible servers have no per-bucket host names, and adds
   * checksums only where an operation requires them: by default the SDK (since 2.30) sends uploads
   * with a CRC32 trailer over plain HTTP, which S3Proxy 2.6.0 rejects.
   */
  public S3Client client() {
    S3ClientBuilder builder =
        S3Client.builder()
            .region(Region.of(region))
            .credentialsProvider(credentials())
            .httpClientBuilder(UrlConnectionHttpClient.builder());
    if (endpoint != null) {
      builder
          .endpointOverride(endpoint)
          .forcePathStyle(true)
          .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
          .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
    }

    return builder.build();
  }

  /** Returns the store of the raw zone; closing it closes its client. */
  public S3RawStore store() {
    return new S3RawStore(client(), bucket, prefix, partSizeBytes);
  }

  /** Returns {@code s3://bucket/prefix}. */
  public String uri() {
    return "s3://" + bucket + (prefix.isEmpty() ? "" : "/" + prefix);
  }

  /** Returns whether {@code text} names an S3 location rather than a local folder. */
  public static boolean isS3Uri(String text) {
    return text.toLowerCase(Locale.ROOT).startsWith("s3://");
  }

  private AwsCredentialsProvider credentials() {
    if (accessKeyId == null) {
      return DefaultCredentialsProvider.builder().build();
    }
    if (sessionToken != null) {
      return StaticCredentialsProvider.create(
          AwsSessionCredentials.create(accessKeyId, secretAccessKey, sessionToken));
    }

    return StaticCredentialsProvider.create(
        AwsBasicCredentials.create(accessKeyId, secretAccessKey));
  }

  @Override
  public String toString() {
    return "S3RawSettings[uri="
        + uri()
        + ", region="
        + region
        + ", endpoint="
        + endpoint
        + ", partSizeBytes="
        + partSizeBytes
        + ", accessKeyId="
        + accessKeyId
        + ", secretAccessKey="
        + (secretAccessKey == null ? null : "****")
        + ", sessionToken="
        + (sessionToken == null ? null : "****")
        + "]";
  }
}
