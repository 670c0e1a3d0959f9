package io.appstoreetl.emr;

import java.net.URI;
import java.util.Objects;

/**
 * Region, endpoint and credentials for the AWS clients. {@link #toString} hides the secrets.
 *
 * @param region the region name, such as {@code eu-west-1}
 * @param endpointOverride an endpoint for every client, or null for AWS's own
 * @param accessKeyId static credentials, or null for the SDK's default credentials chain
 * @param secretAccessKey set exactly when {@code accessKeyId} is
 * @param sessionToken the session token of temporary credentials, or null
 */
public record AwsSettings(
    String region,
    URI endpointOverride,
    String accessKeyId,
    String secretAccessKey,
    String sessionToken) {

  public AwsSettings {
    Objects.requireNonNull(region, "region == null");
    if ((accessKeyId == null) != (secretAccessKey == null)) {
      throw new IllegalArgumentException(
          "Invalid AWS credentials: set both an access key id and a secret access key, or neither");
    }
  }

  /** Returns settings with static credentials, as tests and S3-compatible servers use them. */
  public static AwsSettings withStaticCredentials(
      String region, URI endpointOverride, String accessKeyId, String secretAccessKey) {
    return new AwsSettings(region, endpointOverride, accessKeyId, secretAccessKey, null);
  }

  @Override
  public String toString() {
    return "AwsSettings[region="
        + region
        + ", endpointOverride="
        + endpointOverride
        + ", accessKeyId="
        + accessKeyId
        + ", secretAccessKey="
        + (secretAccessKey == null ? null : CatalogSettings.REDACTED)
        + ", sessionToken="
        + (sessionToken == null ? null : CatalogSettings.REDACTED)
        + "]";
  }
}
