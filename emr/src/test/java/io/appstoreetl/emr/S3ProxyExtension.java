package io.appstoreetl.emr;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Starts one S3Proxy process for every test class that uses this extension, with the bucket {@value
 * #BUCKET}, and stops it when the whole test run ends.
 */
final class S3ProxyExtension implements BeforeAllCallback {

  static final String BUCKET = "appstore-lake";

  private static volatile URI endpoint;

  /** Returns the running server's endpoint. */
  static URI endpoint() {
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
      try (S3Client s3 = TestClients.s3(server.endpoint())) {
        s3.createBucket(request -> request.bucket(BUCKET));
      }
      endpoint = server.endpoint();
      return new Running(server, directory);
    } catch (Exception e) {
      throw new IllegalStateException("Cannot start S3Proxy", e);
    }
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
