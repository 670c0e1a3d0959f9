package io.appstoreetl.testsupport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * S3Proxy, a real S3 API server, started as its own process on 127.0.0.1 with a filesystem backend
 * under a test folder and SigV4 authentication with the test credentials {@link #ACCESS_KEY_ID} and
 * {@link #SECRET_ACCESS_KEY}.
 *
 * <p>It runs outside the test JVM because its jakarta and javax annotation classes clash with
 * Spark's. The system property {@value #JAR_PROPERTY} names its {@code jar-with-dependencies},
 * which the test-support module copies to {@code test-support/target/s3proxy/s3proxy.jar}.
 */
public final class S3ProxyServer implements AutoCloseable {

  public static final String JAR_PROPERTY = "s3proxy.jar";
  public static final String REGION = "us-east-1";
  public static final String ACCESS_KEY_ID = "test-access-key";
  public static final String SECRET_ACCESS_KEY = "test-secret-key";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  private final Process process;
  private final URI endpoint;
  private final Path log;

  private S3ProxyServer(Process process, URI endpoint, Path log) {
    this.process = process;
    this.endpoint = endpoint;
    this.log = log;
  }

  /** Starts S3Proxy and returns once it responds to HTTP requests. */
  public static S3ProxyServer start(Path directory) throws IOException, InterruptedException {
    String jar = System.getProperty(JAR_PROPERTY);
    if (jar == null || !Files.isRegularFile(Path.of(jar))) {
      throw new IllegalStateException(
          "Cannot start S3Proxy: system property "
              + JAR_PROPERTY
              + " names no file ("
              + jar
              + "); run the tests through Maven, which copies the jar");
    }

    int port = freePort();
    URI endpoint = URI.create("http://127.0.0.1:" + port);
    Path data = Files.createDirectories(directory.resolve("s3proxy-data"));
    Path properties = directory.resolve("s3proxy.properties");
    Files.write(
        properties,
        List.of(
            "s3proxy.endpoint=" + endpoint,
            "s3proxy.authorization=aws-v2-or-v4",
            "s3proxy.identity=" + ACCESS_KEY_ID,
            "s3proxy.credential=" + SECRET_ACCESS_KEY,
            "jclouds.provider=filesystem-nio2",
            "jclouds.identity=unused",
            "jclouds.credential=unused",
            "jclouds.filesystem.basedir=" + data));
    Path log = directory.resolve("s3proxy.log");
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process process =
        new ProcessBuilder(java.toString(), "-jar", jar, "--properties", properties.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();

    S3ProxyServer server = new S3ProxyServer(process, endpoint, log);
    server.awaitReady();
    return server;
  }

  public URI endpoint() {
    return endpoint;
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  private void awaitReady() throws IOException, InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "S3Proxy exited with " + process.exitValue() + ": " + Files.readString(log));
      }
      try {
        // Any HTTP response (403 without credentials) means the server is listening.
        http.send(
            HttpRequest.newBuilder(endpoint).GET().build(), HttpResponse.BodyHandlers.discarding());
        return;
      } catch (IOException notYet) {
        Thread.sleep(200);
      }
    }
    close();
    throw new IllegalStateException(
        "S3Proxy did not answer within " + START_TIMEOUT + ": " + Files.readString(log));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
