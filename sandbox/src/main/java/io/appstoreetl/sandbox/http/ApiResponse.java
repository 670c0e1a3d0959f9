package io.appstoreetl.sandbox.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;

/**
 * A response to an API call or a file download.
 *
 * @param status HTTP status
 * @param contentType value of the Content-Type header, or null with an empty body
 * @param body response body, empty for 204 and for a streamed body
 * @param headers extra headers
 * @param stream the writer of a body generated while it streams, or null
 * @param streamLength the length of the streamed body, or -1 to send it chunked
 */
public record ApiResponse(
    int status,
    String contentType,
    byte[] body,
    Map<String, String> headers,
    BodyWriter stream,
    long streamLength) {

  public static final String JSON = "application/json";

  public ApiResponse(int status, String contentType, byte[] body, Map<String, String> headers) {
    this(status, contentType, body, headers, null, -1);
  }

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

  /** Returns a response whose body is written by {@code writer} as it is sent. */
  public static ApiResponse streamed(
      int status, String contentType, long length, BodyWriter writer, Map<String, String> headers) {
    return new ApiResponse(status, contentType, new byte[0], headers, writer, length);
  }

  /** Returns whether the body is JSON of a successful call. */
  public boolean isSuccessfulJson() {
    return status >= 200 && status < 300 && JSON.equals(contentType) && stream == null;
  }

  /** Returns a copy with another body and content type and the same headers. */
  public ApiResponse withBody(String newContentType, byte[] newBody) {
    return new ApiResponse(status, newContentType, newBody, headers);
  }

  /** Returns a copy with one more header. */
  public ApiResponse withHeader(String name, String value) {
    Map<String, String> merged = new HashMap<>(headers);
    merged.put(name, value);
    return new ApiResponse(status, contentType, body, Map.copyOf(merged), stream, streamLength);
  }
}
