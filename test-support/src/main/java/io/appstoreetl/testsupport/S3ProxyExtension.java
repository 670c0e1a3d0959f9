package io.appstoreetl.testsupport;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Starts one S3Proxy process for every test class that uses this extension, with the bucket {@value
 * #BUCKET}, and stops it when the whole test run ends.
 */
public final class S3ProxyExtension implements BeforeAllCallback {

  public static final String BUCKET = "appstore-lake";

  private static volatile URI endpoint;

  /** Returns the running server's endpoint. */
  public static URI endpoint() {
    if (endpoint == null) {
      throw new IllegalStateException(
          "[BUG] S3Proxy is not running: add @ExtendWith(S3ProxyExtension.class)");
    }
    return endpoint;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    context
        .getRoot()
        .getStore(ExtensionContext.Namespace.GLOBAL)
        .getOrComputeIfAbsent(S3ProxyExtension.class, key -> start(), Running.class);
  }

  private static Running start() {
    try {
      Path directory = Files.createTempDirectory("s3proxy-");
      S3ProxyServer server = S3ProxyServer.start(directory);
      try (S3Client s3 = client(server.endpoint())) {
        s3.createBucket(request -> request.bucket(BUCKET));
      }
      endpoint = server.endpoint();
      return new Running(server, directory);
    } catch (Exception e) {
      throw new IllegalStateException("Cannot start S3Proxy", e);
    }
  }

  /**
   * Returns an S3 client for the running server with the test credentials, path-style requests, and
   * checksums only where an operation requires them (S3Proxy 2.6.0 rejects the SDK's default CRC32
   * trailers over plain HTTP). The caller closes it.
   */
  public static S3Client client() {
    return client(endpoint());
  }

  private static S3Client client(URI endpoint) {
    return S3Client.builder()
        .region(Region.of(S3ProxyServer.REGION))
        .credentialsProvider(
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create(
                    S3ProxyServer.ACCESS_KEY_ID, S3ProxyServer.SECRET_ACCESS_KEY)))
        .endpointOverride(endpoint)
        .forcePathStyle(true)
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .build();
  }

  /** Stops the server when JUnit closes the root store. */
  private record Running(S3ProxyServer server, Path directory) implements AutoCloseable {
    @Override
    public void close() throws Exception {
      endpoint = null;
      server.close();
      try (Stream<Path> paths = Files.walk(directory)) {
        for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(path);
        }
      }
    }
  }
}
