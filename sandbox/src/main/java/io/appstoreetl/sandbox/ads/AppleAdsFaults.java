package io.appstoreetl.sandbox.ads;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/** The Apple Ads fault switches: throttled calls and expired access tokens. Thread-safe. */
public final class AppleAdsFaults {
  private final AtomicInteger throttled = new AtomicInteger();
  private volatile Duration retryAfter = Duration.ofSeconds(1);

  /** Responds to the next {@code count} API calls with 429 and {@code Retry-After: <seconds>}. */
  public void throttleNextCalls(int count, Duration wait) {
    if (count < 0 || wait.isNegative()) {
      throw new IllegalArgumentException(
          "Invalid throttle: " + count + " calls, wait " + wait + " (expected 0 or more of each)");
    }
    retryAfter = wait;
    throttled.set(count);
  }

  boolean takeThrottle() {
    return throttled.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
  }

  Duration retryAfter() {
    return retryAfter;
  }

  public int pendingThrottles() {
    return throttled.get();
  }

  public void reset() {
    throttled.set(0);
    retryAfter = Duration.ofSeconds(1);
  }
}
