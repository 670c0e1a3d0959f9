package io.appstoreetl.sandbox.http;

import java.util.Map;

/** Ends the handling of an API call with one of Apple's error responses. */
public final class ApiException extends RuntimeException {

  private final ApiError error;
  private final Map<String, String> headers;

  public ApiException(ApiError error) {
    this(error, Map.of());
  }

  public ApiException(ApiError error, Map<String, String> headers) {
    super(error.status() + " " + error.code() + ": " + error.detail(), null, false, false);
    this.error = error;
    this.headers = Map.copyOf(headers);
  }

  public ApiError error() {
    return error;
  }

  /** Returns extra response headers, such as {@code Allow} on a 405. */
  public Map<String, String> headers() {
    return headers;
  }
}
