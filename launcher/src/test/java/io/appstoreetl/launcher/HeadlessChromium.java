package io.appstoreetl.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
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
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Headless Chromium driven through chromedriver's WebDriver protocol on loopback, for tests that
 * read what a page rendered.
 *
 * <p>{@link #start} installs the Debian packages {@code chromium} and {@code chromium-driver} with
 * apt-get when they are missing, and fails with the reason when it cannot.
 */
final class HeadlessChromium implements AutoCloseable {

  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  /** Without the background-networking flags Chromium tries to reach Google's services. */
  static final List<String> FLAGS =
      List.of(
          "--headless",
          "--no-sandbox",
          "--disable-gpu",
          "--disable-quic",
          "--no-first-run",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
          "--window-size=1400,3000");

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(15);

  private final Process driver;
  private final URI endpoint;
  private final HttpClient http = HttpClient.newHttpClient();
  private final String sessionId;

  private HeadlessChromium(Process driver, URI endpoint, Path profile) throws IOException {
    this.driver = driver;
    this.endpoint = endpoint;
    ObjectNode options = JSON.createObjectNode();
    options.put("binary", CHROMIUM.toString());
    var args = options.putArray("args");
    FLAGS.forEach(args::add);
    args.add("--user-data-dir=" + profile);
    ObjectNode body = JSON.createObjectNode();
    body.putObject("capabilities")
        .putObject("alwaysMatch")
        .put("browserName", "chrome")
        .set("goog:chromeOptions", options);
    this.sessionId = post("/session", body).path("value").path("sessionId").asText();
    if (sessionId.isEmpty()) {
      throw new IllegalStateException("Cannot start a Chromium session through chromedriver");
    }
  }

  /** Installs Chromium if needed and starts chromedriver and one headless browser session. */
  static HeadlessChromium start(Path profile) throws IOException, InterruptedException {
    installIfMissing();
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Process driver =
        new ProcessBuilder(CHROMEDRIVER.toString(), "--port=" + port)
            .redirectErrorStream(true)
            .redirectOutput(profile.resolveSibling("chromedriver.log").toFile())
            .start();
    URI endpoint = URI.create("http://127.0.0.1:" + port);
    waitUntilReady(endpoint, driver);

    return new HeadlessChromium(driver, endpoint, profile);
  }

  /** Returns the version that {@code chromium --version} prints. */
  static String version() throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(CHROMIUM.toString(), "--version").redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    process.waitFor(30, TimeUnit.SECONDS);

    // The Debian wrapper script may print a shell warning before the version line.
    List<String> lines = output.strip().lines().toList();
    return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
  }

  void open(URI page) throws IOException {
    ObjectNode body = JSON.createObjectNode().put("url", page.toString());
    post("/session/" + sessionId + "/url", body);
  }

  /** Runs a script in the page and returns its result. */
  JsonNode execute(String script) throws IOException {
    ObjectNode body = JSON.createObjectNode().put("script", script);
    body.putArray("args");
    JsonNode response = post("/session/" + sessionId + "/execute/sync", body);
    if (response.path("value").has("error")) {
      throw new IllegalStateException("Script failed in Chromium: " + response.path("value"));
    }

    return response.path("value");
  }

  @Override
  public void close() {
    try {
      HttpRequest request =
          HttpRequest.newBuilder(endpoint.resolve("/session/" + sessionId)).DELETE().build();
      http.send(request, HttpResponse.BodyHandlers.discarding());
    } catch (IOException e) {
      // The driver is stopped next, which ends the browser too.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      driver.destroy();
      try {
        if (!driver.waitFor(10, TimeUnit.SECONDS)) {
          driver.destroyForcibly();
        }
      } catch (InterruptedException e) {
        driver.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }

  private JsonNode post(String path, JsonNode body) throws IOException {
    HttpRequest request =
        HttpRequest.newBuilder(endpoint.resolve(path))
            .header("Content-Type", "application/json")
            .timeout(Duration.ofMinutes(2))
            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
            .build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      return JSON.readTree(response.body());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("Interrupted while calling chromedriver " + path, e);
    }
  }

  private static void waitUntilReady(URI endpoint, Process driver)
      throws IOException, InterruptedException {
    HttpClient client = HttpClient.newHttpClient();
    Instant deadline = Instant.now().plusSeconds(30);
    while (Instant.now().isBefore(deadline)) {
      if (!driver.isAlive()) {
        throw new IllegalStateException(
            "chromedriver exited with " + driver.exitValue() + " before it was ready");
      }
      try {
        HttpResponse<String> status =
            client.send(
                HttpRequest.newBuilder(endpoint.resolve("/status")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (JSON.readTree(status.body()).path("value").path("ready").asBoolean()) {
          return;
        }
      } catch (IOException e) {
        // Not listening yet.
      }
      Thread.sleep(200);
    }
    driver.destroyForcibly();
    throw new IllegalStateException("chromedriver was not ready on " + endpoint + " within 30 s");
  }

  private static void installIfMissing() throws IOException, InterruptedException {
    if (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)) {
      return;
    }
    StringBuilder output = new StringBuilder();
    int exitCode = run(output, "apt-get", "install", "-y", "chromium", "chromium-driver");
    if (exitCode != 0) {
      // A fresh machine may have no package lists yet.
      run(output, "apt-get", "update");
      exitCode = run(output, "apt-get", "install", "-y", "chromium", "chromium-driver");
    }
    if (exitCode != 0 || !Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
      throw new AssertionError(
          "This test needs headless Chromium, but 'apt-get install -y chromium chromium-driver'"
              + " exited with "
              + exitCode
              + " and left "
              + CHROMIUM
              + " or "
              + CHROMEDRIVER
              + " missing. Install both Debian packages as root and run the test again. Output:\n"
              + output);
    }
  }

  private static int run(StringBuilder output, String... command) throws InterruptedException {
    Process process;
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true).start();
      output.append(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      output.append("Cannot run ").append(command[0]).append(": ").append(e.getMessage());
      return -1;
    }
    if (!process.waitFor(INSTALL_TIMEOUT.toMinutes(), TimeUnit.MINUTES)) {
      process.destroyForcibly();
      output.append(command[0]).append(" timed out after ").append(INSTALL_TIMEOUT);
      return -1;
    }

    return process.exitValue();
  }
}
