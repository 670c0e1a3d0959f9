package io.appstoreetl.curation.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Trino server started as its own process on loopback, with one Iceberg catalog named {@code
 * iceberg} that reads a local lake's JDBC catalog (SQLite) and warehouse. Queries go through
 * Trino's client REST protocol: POST {@code /v1/statement}, then follow {@code nextUri}.
 *
 * <p>The server's folder comes from the system property {@code trino.home} (the Maven profile
 * {@code trino} unpacks {@code io.trino:trino-server} there and adds the SQLite JDBC driver to its
 * Iceberg plugin) and the Java it runs on from {@code trino.java} (Trino 476 needs Java 24 or
 * later).
 */
public final class TrinoServer implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Process process;
  private final Path log;
  private final URI statementUri;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  private TrinoServer(Process process, Path log, int port) {
    this.process = process;
    this.log = log;
    this.statementUri = URI.create("http://127.0.0.1:" + port + "/v1/statement");
  }

  /**
   * Starts Trino in {@code folder} with an Iceberg catalog over a lake's JDBC catalog, and waits
   * until it answers queries.
   *
   * @param catalogName the Iceberg catalog name the lake's tables were created under
   * @param catalogDatabase the lake's SQLite file
   * @param warehouse the lake's warehouse folder
   */
  public static TrinoServer start(
      Path folder, String catalogName, Path catalogDatabase, Path warehouse)
      throws IOException, InterruptedException {
    Path home = Path.of(requiredProperty("trino.home"));
    String java = requiredProperty("trino.java");
    int port = freePort();
    Path etc = Files.createDirectories(folder.resolve("etc"));
    Path data = Files.createDirectories(folder.resolve("data"));
    Files.createDirectories(etc.resolve("catalog"));
    Files.writeString(
        etc.resolve("config.properties"),
        String.join(
            "\n",
            "coordinator=true",
            "node-scheduler.include-coordinator=true",
            "http-server.http.port=" + port,
            "discovery.uri=http://127.0.0.1:" + port,
            "query.max-memory=1GB",
            "query.max-memory-per-node=1GB",
            ""));
    Files.writeString(
        etc.resolve("catalog/iceberg.properties"),
        String.join(
            "\n",
            "connector.name=iceberg",
            "iceberg.catalog.type=jdbc",
            "iceberg.jdbc-catalog.catalog-name=" + catalogName,
            "iceberg.jdbc-catalog.driver-class=org.sqlite.JDBC",
            "iceberg.jdbc-catalog.connection-url=jdbc:sqlite:" + catalogDatabase,
            "iceberg.jdbc-catalog.default-warehouse-dir=" + warehouse,
            // The lake's metadata names its files with file: URIs, which Trino reads through its
            // Hadoop file system.
            "fs.hadoop.enabled=true",
            ""));

    Path log = folder.resolve("server.log");
    List<String> command =
        List.of(
            java,
            "-Xmx2G",
            "-XX:+UseG1GC",
            "-Djdk.attach.allowAttachSelf=true",
            "-Dnode.environment=test",
            "-Dnode.id=appstore-etl-test",
            "-Dnode.bind-ip=127.0.0.1",
            "-Dnode.internal-address=127.0.0.1",
            "-Dnode.data-dir=" + data,
            "-Dconfig=" + etc.resolve("config.properties"),
            "-Dcatalog.config-dir=" + etc.resolve("catalog"),
            "-Dplugin.dir=" + home.resolve("plugin"),
            "-cp",
            home.resolve("lib") + "/*",
            "io.trino.server.TrinoServer");
    Process process =
        new ProcessBuilder(command)
            .directory(folder.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    TrinoServer server = new TrinoServer(process, log, port);
    try {
      server.awaitStarted();
    } catch (IOException | RuntimeException | InterruptedException e) {
      server.close();
      throw e;
    }

    return server;
  }

  /** Runs one statement and returns every row of its result, each value as Trino's JSON. */
  public List<List<JsonNode>> query(String sql) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(statementUri)
            .header("X-Trino-User", "appstore-etl-test")
            .header("X-Trino-Catalog", "iceberg")
            .header("X-Trino-Schema", "appstore")
            .POST(HttpRequest.BodyPublishers.ofString(sql, StandardCharsets.UTF_8))
            .build();
    JsonNode page = send(request);
    List<List<JsonNode>> rows = new ArrayList<>();
    while (true) {
      if (page.has("error")) {
        throw new IllegalStateException(
            "Trino rejected the statement: "
                + page.path("error").path("message").asText()
                + "\n"
                + sql);
      }
      for (JsonNode row : page.path("data")) {
        List<JsonNode> values = new ArrayList<>();
        row.forEach(values::add);
        rows.add(values);
      }
      if (!page.hasNonNull("nextUri")) {
        return rows;
      }
      page = send(HttpRequest.newBuilder(URI.create(page.get("nextUri").asText())).GET().build());
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private JsonNode send(HttpRequest request) throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException(
          "Trino answered HTTP " + response.statusCode() + " to " + request.uri().getPath());
    }

    return JSON.readTree(response.body());
  }

  private void awaitStarted() throws IOException, InterruptedException {
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "Trino exited with code " + process.exitValue() + " before it started:\n" + tail());
      }
      if (Files.exists(log) && Files.readString(log).contains("======== SERVER STARTED")) {
        return;
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException(
        "Trino did not start within " + START_TIMEOUT.toSeconds() + " s:\n" + tail());
  }

  private String tail() throws IOException {
    List<String> lines = Files.readAllLines(log);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }

  private static String requiredProperty(String name) {
    String value = System.getProperty(name);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(
          "System property "
              + name
              + " is not set; run this test with the Maven profile trino"
              + " (mvn -P trino -pl spark-curation -am verify)");
    }

    return value;
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot find a free port for Trino", e);
    }
  }
}
