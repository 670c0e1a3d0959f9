package io.appstoreetl.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.appstoreetl.sandbox.http.ApiError;
import io.appstoreetl.sandbox.http.ApiException;
import io.appstoreetl.sandbox.http.ApiRequest;
import io.appstoreetl.sandbox.http.ApiResponse;
import io.appstoreetl.sandbox.http.Json;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The sandbox's own endpoints under {@code /sandbox/}, outside Apple's paths, for driving a sandbox
 * that runs in another process: register keys, move the clock, read the ground truth and flip fault
 * switches. They need no token.
 */
final class ControlEndpoints {

  private final SandboxServer server;

  ControlEndpoints(SandboxServer server) {
    this.server = server;
  }

  void register(ApiRoutes routes) {
    routes
        .add("/sandbox/keys", "POST", this::registerKey)
        .add("/sandbox/clock", "POST", this::setClock)
        .add("/sandbox/status", "GET", this::status)
        .add("/sandbox/ground-truth", "GET", this::analyticsGroundTruth)
        .add("/sandbox/ground-truth/sales", "GET", this::salesGroundTruth)
        .add("/sandbox/ground-truth/metric-dates", "GET", this::metricDates)
        .add("/sandbox/requests/{id}/stop", "POST", this::stopRequest)
        .add("/sandbox/faults/corrupt-downloads", "POST", this::corruptDownloads)
        .add("/sandbox/faults/fail-api-calls", "POST", this::failApiCalls);
  }

  /** Body {@code {"keyId","issuerId","publicKeyPem"}}; issuerId may be null for individual keys. */
  private ApiResponse registerKey(ApiRequest request) {
    JsonNode body = readBody(request);
    String keyId = requiredText(body, "keyId");
    String issuerId = body.path("issuerId").isTextual() ? body.path("issuerId").asText() : null;
    ECPublicKey publicKey = parsePublicKey(requiredText(body, "publicKeyPem"));
    try {
      server.registerKey(keyId, issuerId, publicKey);
    } catch (IllegalArgumentException e) {
      throw invalid(e.getMessage());
    }
    return ApiResponse.noContent();
  }

  /** Body {@code {"today":"YYYY-MM-DD"}}. */
  private ApiResponse setClock(ApiRequest request) {
    LocalDate today = parseDate(requiredText(readBody(request), "today"), "today");
    try {
      server.setToday(today);
    } catch (IllegalArgumentException e) {
      throw invalid(e.getMessage());
    }
    ObjectNode result = Json.MAPPER.createObjectNode();
    result.put("today", server.today().toString());
    return ApiResponse.json(200, result);
  }

  private ApiResponse status(ApiRequest request) {
    SandboxConfig config = server.config();
    ObjectNode status = Json.MAPPER.createObjectNode();
    status.put("baseUrl", server.baseUrl());
    status.put("today", server.today().toString());
    status.put("historyStart", config.historyStart().toString());
    status.put("vendorNumber", config.vendorNumber());
    ArrayNode appIds = status.putArray("appIds");
    config.appIds().forEach(appIds::add);
    status.put("requestCount", server.requestCount());
    return ApiResponse.json(200, status);
  }

  /** Query {@code app_id}, {@code report} (Apple's report name) and {@code date}. */
  private ApiResponse analyticsGroundTruth(ApiRequest request) {
    String appId = requiredParameter(request, "app_id");
    String report = requiredParameter(request, "report");
    LocalDate date = parseDate(requiredParameter(request, "date"), "date");
    try {
      return rowsResponse(server.groundTruth().analyticsRows(appId, report, date));
    } catch (IllegalArgumentException e) {
      throw invalid(e.getMessage());
    }
  }

  /** Query {@code date}. */
  private ApiResponse salesGroundTruth(ApiRequest request) {
    LocalDate date = parseDate(requiredParameter(request, "date"), "date");
    return rowsResponse(server.groundTruth().salesRows(date));
  }

  private ApiResponse metricDates(ApiRequest request) {
    ArrayNode dates = Json.MAPPER.createArrayNode();
    server.groundTruth().metricDates().forEach(date -> dates.add(date.toString()));
    return ApiResponse.json(200, dates);
  }

  private ApiResponse stopRequest(ApiRequest request) {
    String id = request.pathParameter(0);
    try {
      server.markStoppedDueToInactivity(id);
    } catch (IllegalArgumentException e) {
      throw invalid(e.getMessage());
    }
    return ApiResponse.noContent();
  }

  /** Body {@code {"segmentId":"...","count":N}}. */
  private ApiResponse corruptDownloads(ApiRequest request) {
    JsonNode body = readBody(request);
    try {
      server.corruptNextDownloads(requiredText(body, "segmentId"), requiredInt(body, "count"));
    } catch (IllegalArgumentException e) {
      throw invalid(e.getMessage());
    }
    return ApiResponse.noContent();
  }

  /** Body {@code {"count":N}}. */
  private ApiResponse failApiCalls(ApiRequest request) {
    try {
      server.failNextApiCalls(requiredInt(readBody(request), "count"));
    } catch (IllegalArgumentException e) {
      throw invalid(e.getMessage());
    }
    return ApiResponse.noContent();
  }

  private static ApiResponse rowsResponse(List<Map<String, String>> rows) {
    return ApiResponse.json(200, Json.MAPPER.valueToTree(rows));
  }

  static ECPublicKey parsePublicKey(String pem) {
    String base64 =
        pem.replace("-----BEGIN PUBLIC KEY-----", "")
            .replace("-----END PUBLIC KEY-----", "")
            .replaceAll("\\s", "");
    try {
      byte[] der = Base64.getDecoder().decode(base64);
      PublicKey key = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(der));
      return (ECPublicKey) key;
    } catch (IllegalArgumentException | GeneralSecurityException | ClassCastException e) {
      throw invalid(
          "Invalid publicKeyPem: not a PEM-encoded X.509 SubjectPublicKeyInfo of an EC key ("
              + e.getMessage()
              + ")");
    }
  }

  private static JsonNode readBody(ApiRequest request) {
    try {
      JsonNode body = Json.MAPPER.readTree(request.body());
      if (body == null || !body.isObject()) {
        throw invalid("Invalid body: expected a JSON object");
      }
      return body;
    } catch (JsonProcessingException e) {
      throw invalid("Invalid body: not valid JSON (" + e.getOriginalMessage() + ")");
    } catch (IOException e) {
      throw invalid("Invalid body: cannot be read (" + e.getMessage() + ")");
    }
  }

  private static String requiredText(JsonNode body, String member) {
    JsonNode value = body.get(member);
    if (value == null || !value.isTextual() || value.asText().isEmpty()) {
      throw invalid("Missing member: '" + member + "' (expected a non-empty string)");
    }
    return value.asText();
  }

  private static int requiredInt(JsonNode body, String member) {
    JsonNode value = body.get(member);
    if (value == null || !value.canConvertToInt() || !value.isIntegralNumber()) {
      throw invalid("Missing member: '" + member + "' (expected an integer)");
    }
    return value.asInt();
  }

  private static String requiredParameter(ApiRequest request, String name) {
    return request
        .query()
        .get(name)
        .filter(value -> !value.isEmpty())
        .orElseThrow(() -> invalid("Missing query parameter: '" + name + "'"));
  }

  private static LocalDate parseDate(String value, String name) {
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw invalid("Invalid " + name + ": " + value + " (expected YYYY-MM-DD)");
    }
  }

  private static ApiException invalid(String detail) {
    return new ApiException(
        new ApiError(
            400, "SANDBOX_CONTROL_ERROR", "Invalid sandbox control request", detail, null, null));
  }
}
