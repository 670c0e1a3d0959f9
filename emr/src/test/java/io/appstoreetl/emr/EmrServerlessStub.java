package io.appstoreetl.emr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local stand-in for the EMR Serverless API on 127.0.0.1: StartJobRun and GetJobRun as the
 * REST-JSON protocol defines them, for the SDK's real client with an endpoint override.
 *
 * <p>It records every request, returns the same job run id for a repeated client token (as EMR
 * Serverless does), plays a scripted list of states to each run's GetJobRun calls (the last one
 * repeats), and can respond to the next calls with an error instead.
 */
final class EmrServerlessStub implements AutoCloseable {

  static final ObjectMapper JSON = new ObjectMapper();

  private static final Pattern START_JOB_RUN = Pattern.compile("/applications/([^/]+)/jobruns");
  private static final Pattern GET_JOB_RUN =
      Pattern.compile("/applications/([^/]+)/jobruns/([^/]+)");

  /** One HTTP request as the stub received it. */
  record Recorded(String method, String path, Map<String, List<String>> headers, String body) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** A state that GetJobRun reports, with its stateDetails or null. */
  record State(String state, String details) {
    static State of(String state) {
      return new State(state, null);
    }
  }

  /** An error response: HTTP status, the x-amzn-ErrorType and the message. */
  record Failure(int status, String errorType, String message) {}

  private final HttpServer server;
  private final List<Recorded> requests = new ArrayList<>();
  private final Map<String, String> runIdsByToken = new HashMap<>();
  private final Map<String, Integer> pollsByRun = new HashMap<>();
  private final Deque<Failure> startFailures = new ArrayDeque<>();
  private final Deque<Failure> getFailures = new ArrayDeque<>();
  private List<State> states = List.of(State.of("SUCCESS"));

  EmrServerlessStub() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(Executors.newSingleThreadExecutor());
    server.start();
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Sets the states that every job run's GetJobRun calls return, one per call. */
  synchronized void playStates(State... states) {
    this.states = List.of(states);
  }

  synchronized void failNextStartJobRun(Failure failure) {
    startFailures.add(failure);
  }

  synchronized void failNextGetJobRun(Failure failure) {
    getFailures.add(failure);
  }

  synchronized List<Recorded> requests() {
    return List.copyOf(requests);
  }

  synchronized List<Recorded> requests(String method) {
    return requests.stream().filter(request -> request.method().equals(method)).toList();
  }

  @Override
  public void close() {
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      String method = exchange.getRequestMethod();
      String path = exchange.getRequestURI().getPath();
      Recorded request;
      synchronized (this) {
        request = new Recorded(method, path, Map.copyOf(exchange.getRequestHeaders()), body);
        requests.add(request);
      }

      Matcher get = GET_JOB_RUN.matcher(path);
      Matcher start = START_JOB_RUN.matcher(path);
      if (method.equals("GET") && get.matches()) {
        getJobRun(exchange, get.group(1), get.group(2));
      } else if (method.equals("POST") && start.matches()) {
        startJobRun(exchange, start.group(1), request.json());
      } else {
        error(exchange, new Failure(404, "ResourceNotFoundException", "No route " + path));
      }
    }
  }

  private void startJobRun(HttpExchange exchange, String applicationId, JsonNode request)
      throws IOException {
    Failure failure;
    String jobRunId = null;
    synchronized (this) {
      failure = startFailures.poll();
      if (failure == null) {
        jobRunId =
            runIdsByToken.computeIfAbsent(
                request.path("clientToken").asText(),
                token -> String.format("00f%013x", runIdsByToken.size() + 1));
      }
    }
    if (failure != null) {
      error(exchange, failure);
      return;
    }

    ObjectNode response = JSON.createObjectNode();
    response.put("applicationId", applicationId);
    response.put("jobRunId", jobRunId);
    response.put("arn", arn(applicationId, jobRunId));
    send(exchange, 200, response);
  }

  private void getJobRun(HttpExchange exchange, String applicationId, String jobRunId)
      throws IOException {
    Failure failure;
    State state;
    synchronized (this) {
      failure = getFailures.poll();
      if (failure == null) {
        int poll = pollsByRun.merge(jobRunId, 1, Integer::sum) - 1;
        state = states.get(Math.min(poll, states.size() - 1));
      } else {
        state = null;
      }
    }
    if (failure != null) {
      error(exchange, failure);
      return;
    }

    ObjectNode jobRun = JSON.createObjectNode();
    jobRun.put("applicationId", applicationId);
    jobRun.put("jobRunId", jobRunId);
    jobRun.put("arn", arn(applicationId, jobRunId));
    jobRun.put("createdBy", "arn:aws:iam::111122223333:user/etl");
    jobRun.put("createdAt", 1_741_000_000);
    jobRun.put("updatedAt", 1_741_000_060);
    jobRun.put("executionRole", "arn:aws:iam::111122223333:role/appstore-etl-emr-job");
    jobRun.put("releaseLabel", "emr-7.12.0");
    jobRun.put("state", state.state());
    if (state.details() != null) {
      jobRun.put("stateDetails", state.details());
    }
    ObjectNode response = JSON.createObjectNode();
    response.set("jobRun", jobRun);
    send(exchange, 200, response);
  }

  private static String arn(String applicationId, String jobRunId) {
    return "arn:aws:emr-serverless:us-east-1:111122223333:/applications/"
        + applicationId
        + "/jobruns/"
        + jobRunId;
  }

  private static void error(HttpExchange exchange, Failure failure) throws IOException {
    exchange.getResponseHeaders().set("x-amzn-ErrorType", failure.errorType());
    ObjectNode body = JSON.createObjectNode();
    body.put("message", failure.message());
    send(exchange, failure.status(), body);
  }

  private static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.getResponseHeaders().set("x-amzn-RequestId", "stub-request-id");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }
}
