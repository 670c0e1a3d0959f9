package io.appstoreetl.extractor.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * A non-2xx HTTP response, with Apple's first error ({@code errors[0].code} and {@code detail})
 * when the body is Apple's JSON error document, and the buffered body in every case.
 */
public class ApiException extends IOException {
  private final String method;
  private final String url;
  private final int status;
  private final String code;
  private final String detail;
  private final byte[] body;
  private final Duration retryAfter;

  /**
   * @param url the request URL as it may be logged: presigned URLs without their query string
   * @param retryAfter the delay the server asked for with {@code Retry-After}, or {@code null}
   */
  public ApiException(
      String method,
      String url,
      int status,
      String code,
      String detail,
      byte[] body,
      Duration retryAfter) {
    super(message(method, url, status, code, detail));
    this.method = method;
    this.url = url;
    this.status = status;
    this.code = code;
    this.detail = detail;
    this.body = body == null ? new byte[0] : body.clone();
    this.retryAfter = retryAfter;
  }

  private static String message(String method, String url, int status, String code, String detail) {
    StringBuilder message =
        new StringBuilder("Cannot ").append(method).append(' ').append(url).append(": HTTP ");
    message.append(status);
    if (code != null) {
      message.append(' ').append(code);
    }
    if (detail != null) {
      message.append(" (").append(detail).append(')');
    }

    return message.toString();
  }

  public String method() {
    return method;
  }

  public String url() {
    return url;
  }

  public int status() {
    return status;
  }

  /** Apple's error code, such as {@code NOT_FOUND}, or {@code null} when the body had none. */
  public String code() {
    return code;
  }

  /** Apple's error detail, or {@code null} when the body had none. */
  public String detail() {
    return detail;
  }

  public byte[] body() {
    return body.clone();
  }

  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  /** Whether the retry helper may try again: 429 and 5xx. */
  public boolean isRetryable() {
    return status == 429 || status >= 500;
  }
}
