package io.appstoreetl.sandbox;

/**
 * The form in which a 429 response states when to retry. App Store Connect does not document {@code
 * Retry-After}; the App Store Server API documents it as epoch milliseconds, and some clients read
 * it as seconds, so the sandbox can send either or none.
 */
public enum RetryAfterFormat {
  /** No {@code Retry-After} header. */
  NONE,
  /** {@code Retry-After: <seconds to wait>}, the HTTP form. */
  SECONDS,
  /** {@code Retry-After: <UNIX time in milliseconds at which to retry>}. */
  EPOCH_MILLIS;

  /** Returns the header value for a wait of {@code waitMillis} from {@code nowMillis}, or null. */
  public String headerValue(long nowMillis, long waitMillis) {
    return switch (this) {
      case NONE -> null;
      case SECONDS -> Long.toString(Math.max(1, (waitMillis + 999) / 1000));
      case EPOCH_MILLIS -> Long.toString(nowMillis + waitMillis);
    };
  }
}
