package io.appstoreetl.launcher.health;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * An HTTP server on loopback that records every request and answers with a fixed status and body:
 * the webhook receiver and the SNS and CloudWatch stubs of the alert tests.
 */
public final class RecordingServer implements AutoCloseable {

  /** One recorded request. */
  public record Request(
      String method, String path, Map<String, List<String>> headers, String body) {

    /** Decodes an AWS query-protocol body ({@code Action=...&Name=value}) in order. */
    public Map<String, String> form() {
      Map<String, String> form = new LinkedHashMap<>();
      for (String pair : body.split("&")) {
        int equals = pair.indexOf('=');
        form.put(
            URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
      }
      return form;
    }
  }

  private final HttpServer server;
  private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());

  public RecordingServer(int status, String contentType, String responseBody) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          byte[] raw = exchange.getRequestBody().readAllBytes();
          String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
          if ("gzip".equalsIgnoreCase(encoding)) {
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
              raw = in.readAllBytes();
            }
          }
          requests.add(
              new Request(
                  exchange.getRequestMethod(),
                  exchange.getRequestURI().getRawPath(),
                  Map.copyOf(exchange.getRequestHeaders()),
                  new String(raw, StandardCharsets.UTF_8)));
          byte[] bytes = responseBody.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", contentType);
          exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
          if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
          }
          exchange.close();
        });
    server.start();
  }

  public URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  public List<Request> requests() {
    return List.copyOf(requests);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
