package io.appstoreetl.sandbox.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Apple's hourly request budget per API key over a rolling 60 minutes, reported in the {@code
 * X-Rate-Limit} header as {@code user-hour-lim:<limit>;user-hour-rem:<remaining>;}.
 */
public final class RateLimiter {

  private static final Duration WINDOW = Duration.ofHours(1);

  private final int limitPerHour;
  private final Clock clock;
  private final Map<String, Deque<Instant>> callsByKey = new HashMap<>();

  /**
   * The outcome of one call.
   *
   * @param allowed whether the call is within the budget
   * @param remaining calls left in the rolling hour after this one
   */
  public record Decision(boolean allowed, int remaining) {}

  public RateLimiter(int limitPerHour, Clock clock) {
    this.limitPerHour = limitPerHour;
    this.clock = clock;
  }

  /** Counts a call of the key, unless the key has no budget left. */
  public synchronized Decision acquire(String keyId) {
    Instant now = clock.instant();
    Deque<Instant> calls = callsByKey.computeIfAbsent(keyId, k -> new ArrayDeque<>());
    Instant windowStart = now.minus(WINDOW);
    while (!calls.isEmpty() && !calls.peekFirst().isAfter(windowStart)) {
      calls.removeFirst();
    }
    if (calls.size() >= limitPerHour) {
      return new Decision(false, 0);
    }
    calls.addLast(now);
    return new Decision(true, limitPerHour - calls.size());
  }

  /** Returns the header value for a call that used no budget (such as a rejected token). */
  public String headerValue(int remaining) {
    return "user-hour-lim:" + limitPerHour + ";user-hour-rem:" + remaining + ";";
  }

  public int limitPerHour() {
    return limitPerHour;
  }
}
