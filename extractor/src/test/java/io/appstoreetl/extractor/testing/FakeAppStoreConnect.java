package io.appstoreetl.extractor.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A real HTTP server on 127.0.0.1 that plays Apple's side in tests: each route replies with a queue
 * of scripted replies (the last one repeats) or a function of the request, and every request is
 * recorded. Routes match {@code METHOD path?query} (query decoded) first, then {@code METHOD path}.
 */
public final class FakeAppStoreConnect implements AutoCloseable {
  /** A request as the server received it. */
  public record Recorded(
      String method,
      String path,
      String query,
      String rawQuery,
      Map<String, List<String>> headers,
      byte[] body) {
    public String header(String name) {
      for (Map.Entry<String, List<String>> entry : headers.entrySet()) {
        if (entry.getKey().equalsIgnoreCase(name)) {
          return entry.getValue().get(0);
        }
      }
      return null;
    }

    public String bodyText() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  /** Writes a streamed response body; may pause or stop midway. */
  @FunctionalInterface
  public interface BodyWriter {
    void write(OutputStream out) throws IOException;
  }

  /**
   * A scripted response: a fixed body, or with {@code writer} a body streamed in chunks of unknown
   * length.
   */
  public record Reply(int status, Map<String, String> headers, byte[] body, BodyWriter writer) {
    public Reply(int status, Map<String, String> headers, byte[] body) {
      this(status, headers, body, null);
    }

    /** Returns a 200 whose body {@code writer} streams. */
    public static Reply streamed(String contentType, BodyWriter writer) {
      return new Reply(200, Map.of("Content-Type", contentType), new byte[0], writer);
    }

    public static Reply json(int status, String json) {
      return new Reply(
          status,
          Map.of("Content-Type", "application/json"),
          json.getBytes(StandardCharsets.UTF_8));
    }

    public static Reply bytes(int status, byte[] body, String contentType) {
      return new Reply(status, Map.of("Content-Type", contentType), body);
    }

    /** Apple's error document with one error. */
    public static Reply error(int status, String code, String detail) {
      return json(
          status,
          "{\"errors\":[{\"id\":\"e-1\",\"status\":\""
              + status
              + "\",\"code\":\""
              + code
              + "\",\"title\":\"Title\",\"detail\":\""
              + detail
              + "\"}]}");
    }

    public Reply withHeader(String name, String value) {
      Map<String, String> all = new LinkedHashMap<>(headers);
      all.put(name, value);
      return new Reply(status, all, body, writer);
    }
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(32);
  private final Map<String, Deque<Reply>> queues = new HashMap<>();
  private final Map<String, Function<Recorded, Reply>> handlers = new HashMap<>();
  private final List<Recorded> requests = new ArrayList<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger maxInFlight = new AtomicInteger();
  private volatile long latencyMs;

  public FakeAppStoreConnect() throws IOException {
    // Without TCP_NODELAY the JDK server's small writes wait on delayed ACKs, about 40 ms each.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Replies to {@code route} ("GET /v1/x" or "GET /v1/x?a=b") with these replies in turn. */
  public synchronized FakeAppStoreConnect on(String route, Reply... replies) {
    queues.put(route, new ArrayDeque<>(List.of(replies)));
    return this;
  }

  public synchronized FakeAppStoreConnect on(String route, Function<Recorded, Reply> handler) {
    handlers.put(route, handler);
    return this;
  }

  public synchronized List<Recorded> requests() {
    return List.copyOf(requests);
  }

  /** Returns the recorded requests for {@code METHOD path}, any query. */
  public synchronized List<Recorded> requests(String method, String path) {
    return requests.stream()
        .filter(r -> r.method().equals(method) && r.path().equals(path))
        .toList();
  }

  /** Delays every response by {@code millis}, as a distant server would. */
  public FakeAppStoreConnect latencyMs(long millis) {
    this.latencyMs = millis;
    return this;
  }

  /**
   * Returns the maximum number of requests in their latency delay at one time, which is when the
   * client is surely still waiting for them.
   */
  public int maxInFlight() {
    return maxInFlight.get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
    try {
      if (latencyMs > 0) {
        Thread.sleep(latencyMs);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      inFlight.decrementAndGet();
    }
    respond(exchange);
  }

  private void respond(HttpExchange exchange) throws IOException {
    Recorded recorded =
        new Recorded(
            exchange.getRequestMethod(),
            exchange.getRequestURI().getPath(),
            exchange.getRequestURI().getQuery(),
            exchange.getRequestURI().getRawQuery(),
            Map.copyOf(exchange.getRequestHeaders()),
            exchange.getRequestBody().readAllBytes());
    Reply reply = reply(recorded);

    reply.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
    if (reply.writer() != null) {
      exchange.sendResponseHeaders(reply.status(), 0);
      try (OutputStream out = exchange.getResponseBody()) {
        reply.writer().write(out);
      } catch (IOException e) {
        // The client gave up on the body, as a timeout test expects.
      }
    } else if (reply.body().length == 0) {
      exchange.sendResponseHeaders(reply.status(), -1);
    } else {
      exchange.sendResponseHeaders(reply.status(), reply.body().length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(reply.body());
      }
    }
    exchange.close();
  }

  private synchronized Reply reply(Recorded recorded) {
    requests.add(recorded);
    String withQuery =
        recorded.method()
            + " "
            + recorded.path()
            + (recorded.query() == null ? "" : "?" + recorded.query());
    String withoutQuery = recorded.method() + " " + recorded.path();
    for (String route : List.of(withQuery, withoutQuery)) {
      if (handlers.containsKey(route)) {
        return handlers.get(route).apply(recorded);
      }
      Deque<Reply> queue = queues.get(route);
      if (queue != null && !queue.isEmpty()) {
        return queue.size() > 1 ? queue.poll() : queue.peek();
      }
    }

    return Reply.error(404, "PATH_ERROR", "No route for " + withQuery);
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
