package io.appstoreetl.sandbox.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * A response to an API call.
 *
 * @param status HTTP status
 * @param contentType value of the Content-Type header, or null with an empty body
 * @param body response body, empty for 204
 * @param headers extra headers
 */
public record ApiResponse(
    int status, String contentType, byte[] body, Map<String, String> headers) {

  public static final String JSON = "application/json";

  public static ApiResponse json(int status, JsonNode document) {
    return new ApiResponse(status, JSON, Json.bytes(document), Map.of());
  }

  public static ApiResponse json(int status, JsonNode document, Map<String, String> headers) {
    return new ApiResponse(status, JSON, Json.bytes(document), headers);
  }

  public static ApiResponse noContent() {
    return new ApiResponse(204, null, new byte[0], Map.of());
  }

  public static ApiResponse error(ApiException exception) {
    return new ApiResponse(
        exception.error().status(), JSON, exception.error().toResponseBody(), exception.headers());
  }
}
