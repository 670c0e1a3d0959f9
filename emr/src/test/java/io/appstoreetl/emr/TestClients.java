package io.appstoreetl.emr;

import io.appstoreetl.testsupport.S3ProxyServer;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.emrserverless.EmrServerlessClient;
import software.amazon.awssdk.services.s3.S3Client;

/** SDK clients for tests: static test credentials and an endpoint on 127.0.0.1. */
final class TestClients {

  static final String REGION = S3ProxyServer.REGION;
  static final String ACCESS_KEY_ID = S3ProxyServer.ACCESS_KEY_ID;
  static final String SECRET_ACCESS_KEY = S3ProxyServer.SECRET_ACCESS_KEY;

  private TestClients() {}

  static AwsSettings settings(URI endpoint) {
    return AwsSettings.withStaticCredentials(REGION, endpoint, ACCESS_KEY_ID, SECRET_ACCESS_KEY);
  }

  /** Returns the client that the commands build, with the SDK's standard retries. */
  static EmrServerlessClient emrServerless(URI endpoint) {
    return AwsClients.emrServerless(settings(endpoint));
  }

  /** Returns a client that sends each call once, so that a test can count the requests. */
  static EmrServerlessClient emrServerlessWithoutRetries(URI endpoint) {
    return EmrServerlessClient.builder()
        .region(Region.of(REGION))
        .credentialsProvider(
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create(ACCESS_KEY_ID, SECRET_ACCESS_KEY)))
        .endpointOverride(endpoint)
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .overrideConfiguration(override -> override.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build();
  }

  static S3Client s3(URI endpoint) {
    return AwsClients.s3(settings(endpoint));
  }
}
