package io.appstoreetl.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A read-only AWS Glue Data Catalog on loopback, which Iceberg's GlueCatalog calls through the real
 * AWS SDK client. It implements Glue's JSON 1.1 protocol ({@code X-Amz-Target:
 * AWSGlue.<operation>}) for GetDatabase, GetDatabases, GetTables and GetTable. Its one database
 * lists Iceberg tables by their metadata files, as Glue does for tables that Iceberg created. Every
 * other operation, such as a write, is recorded and rejected with an error, so a test can assert
 * that none was called.
 */
final class GlueStub implements AutoCloseable {

  /** One request: the operation and the Authorization header the SDK signed it with. */
  record Call(String operation, String authorization, JsonNode body) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final String database;
  private final Map<String, String> metadataLocations;
  private final List<Call> calls = Collections.synchronizedList(new ArrayList<>());

  private GlueStub(String database, Map<String, String> metadataLocations) throws IOException {
    this.database = database;
    this.metadataLocations = new TreeMap<>(metadataLocations);
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  /**
   * Starts a stub whose database {@code database} contains the tables of that namespace in the
   * Iceberg JDBC catalog {@code catalogDatabase} (SQLite), each at its current metadata file.
   */
  static GlueStub fromJdbcCatalog(Path catalogDatabase, String database)
      throws IOException, SQLException {
    Map<String, String> locations = new TreeMap<>();
    try (Connection connection =
            DriverManager.getConnection("jdbc:sqlite:" + catalogDatabase.toAbsolutePath());
        PreparedStatement query =
            connection.prepareStatement(
                "SELECT table_name, metadata_location FROM iceberg_tables"
                    + " WHERE table_namespace = ?")) {
      query.setString(1, database);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          locations.put(rows.getString(1), rows.getString(2));
        }
      }
    }
    return new GlueStub(database, locations);
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  Map<String, String> metadataLocations() {
    return Collections.unmodifiableMap(metadataLocations);
  }

  List<Call> calls() {
    synchronized (calls) {
      return List.copyOf(calls);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
    String operation =
        target == null ? "" : target.substring(target.indexOf('.') + 1); // AWSGlue.GetTable
    JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
    calls.add(new Call(operation, exchange.getRequestHeaders().getFirst("Authorization"), body));

    ObjectNode response = JSON.createObjectNode();
    switch (operation) {
      case "GetDatabase" -> {
        if (!database.equals(body.path("Name").asText())) {
          notFound(exchange, "Database " + body.path("Name").asText() + " not found.");
          return;
        }
        response.putObject("Database").put("Name", database);
      }
      case "GetDatabases" -> response.putArray("DatabaseList").addObject().put("Name", database);
      case "GetTables" -> {
        if (!database.equals(body.path("DatabaseName").asText())) {
          notFound(exchange, "Database " + body.path("DatabaseName").asText() + " not found.");
          return;
        }
        ArrayNode tables = response.putArray("TableList");
        metadataLocations.forEach((name, location) -> table(tables.addObject(), name, location));
      }
      case "GetTable" -> {
        String name = body.path("Name").asText();
        String location = metadataLocations.get(name);
        if (!database.equals(body.path("DatabaseName").asText()) || location == null) {
          notFound(exchange, "Table " + name + " not found.");
          return;
        }
        table(response.putObject("Table"), name, location);
      }
      default -> {
        send(
            exchange,
            400,
            JSON.createObjectNode()
                .put("__type", "InvalidInputException")
                .put("Message", "The Glue stub is read-only and does not serve " + operation));
        return;
      }
    }
    send(exchange, 200, response);
  }

  private void table(ObjectNode table, String name, String location) {
    table.put("Name", name);
    table.put("DatabaseName", database);
    table.put("TableType", "EXTERNAL_TABLE");
    ObjectNode parameters = table.putObject("Parameters");
    parameters.put("table_type", "ICEBERG");
    parameters.put("metadata_location", location);
  }

  private static void notFound(HttpExchange exchange, String message) throws IOException {
    send(
        exchange,
        400,
        JSON.createObjectNode().put("__type", "EntityNotFoundException").put("Message", message));
  }

  private static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
    byte[] bytes = JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }
}
