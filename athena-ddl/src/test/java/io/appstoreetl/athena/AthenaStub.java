package io.appstoreetl.athena;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A local stand-in for the Athena API on 127.0.0.1: StartQueryExecution and GetQueryExecution as
 * the AWS JSON 1.1 protocol defines them, for the SDK's real client with an endpoint override.
 *
 * <p>It records every request and plays a scripted list of states to each query's GetQueryExecution
 * calls (the last one repeats). A query whose SQL contains a configured text plays its own states
 * instead.
 */
final class AthenaStub implements AutoCloseable {

  static final ObjectMapper JSON = new ObjectMapper();

  static {
    // Without TCP_NODELAY each small response waits for the client's delayed ACK (about 40 ms),
    // which makes a run of a few hundred calls take seconds. The JDK's server reads this property
    // once, before it creates its first server.
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  /** One request as the stub received it: the operation from X-Amz-Target and the JSON body. */
  record Recorded(String operation, JsonNode body) {}

  /** A state that GetQueryExecution reports, with its StateChangeReason or null. */
  record State(String state, String reason) {
    static State of(String state) {
      return new State(state, null);
    }
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newSingleThreadExecutor();
  private final List<Recorded> requests = new ArrayList<>();
  private final Map<String, List<State>> statesByQuery = new HashMap<>();
  private final Map<String, Integer> pollsByQuery = new HashMap<>();
  private final Map<String, List<State>> statesBySqlText = new HashMap<>();
  private List<State> states = List.of(State.of("SUCCEEDED"));

  AthenaStub() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Sets the states that every query's GetQueryExecution calls return, one per call. */
  synchronized void playStates(State... played) {
    states = List.of(played);
  }

  /** Sets the states of the queries whose SQL contains {@code text}. */
  synchronized void playStatesFor(String text, State... played) {
    statesBySqlText.put(text, List.of(played));
  }

  synchronized List<Recorded> requests() {
    return List.copyOf(requests);
  }

  /** Returns the query strings of the StartQueryExecution requests, in order. */
  synchronized List<String> startedQueries() {
    return requests.stream()
        .filter(request -> request.operation().equals("StartQueryExecution"))
        .map(request -> request.body().path("QueryString").asText())
        .toList();
  }

  private synchronized void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
      String operation = target == null ? "" : target.substring(target.indexOf('.') + 1);
      JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
      requests.add(new Recorded(operation, body));

      ObjectNode response = JSON.createObjectNode();
      switch (operation) {
        case "StartQueryExecution" -> {
          String id = "query-" + (statesByQuery.size() + 1);
          statesByQuery.put(id, statesFor(body.path("QueryString").asText()));
          response.put("QueryExecutionId", id);
        }
        case "GetQueryExecution" -> {
          String id = body.path("QueryExecutionId").asText();
          List<State> played = statesByQuery.get(id);
          if (played == null) {
            send(exchange, 400, error("InvalidRequestException", "Unknown query " + id));
            return;
          }
          int poll = pollsByQuery.merge(id, 1, Integer::sum) - 1;
          State state = played.get(Math.min(poll, played.size() - 1));
          ObjectNode status =
              response.putObject("QueryExecution").put("QueryExecutionId", id).putObject("Status");
          status.put("State", state.state());
          if (state.reason() != null) {
            status.put("StateChangeReason", state.reason());
          }
        }
        default -> {
          send(exchange, 400, error("UnknownOperationException", "Unknown operation " + target));
          return;
        }
      }
      send(exchange, 200, response);
    }
  }

  private List<State> statesFor(String sql) {
    for (Map.Entry<String, List<State>> entry : statesBySqlText.entrySet()) {
      if (sql.contains(entry.getKey())) {
        return entry.getValue();
      }
    }

    return states;
  }

  private static ObjectNode error(String type, String message) {
    ObjectNode error = JSON.createObjectNode();
    error.put("__type", type);
    error.put("message", message);
    return error;
  }

  private static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
