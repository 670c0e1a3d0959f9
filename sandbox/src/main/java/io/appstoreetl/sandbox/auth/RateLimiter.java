package io.appstoreetl.sandbox.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Apple's request budget per API key over a rolling 60 minutes, and the optional per-minute budget
 * that some keys also get, reported in the {@code X-Rate-Limit} header as {@code
 * user-hour-lim:<limit>;user-hour-rem:<remaining>;} followed, with a per-minute limit, by {@code
 * user-minute-lim:<limit>;user-minute-rem:<remaining>;}. Thread-safe. Both limits can change while
 * the sandbox runs.
 */
public final class RateLimiter {

  private static final Duration HOUR = Duration.ofHours(1);
  private static final Duration MINUTE = Duration.ofMinutes(1);

  private final Clock clock;
  private final Map<String, Deque<Instant>> callsByKey = new HashMap<>();
  private int limitPerHour;
  private int limitPerMinute;

  /**
   * The outcome of one call.
   *
   * @param allowed whether the call is within the budgets
   * @param hourRemaining calls left in the rolling hour after this one
   * @param minuteRemaining calls left in the rolling minute after this one, or -1 without a
   *     per-minute limit
   * @param retryAfter for a call over a budget, how long until the oldest counted call leaves the
   *     window, or zero for an allowed call
   */
  public record Decision(
      boolean allowed, int hourRemaining, int minuteRemaining, Duration retryAfter) {}

  /**
   * Creates the limiter.
   *
   * @param limitPerMinute calls per key in a rolling minute, or 0 for no per-minute limit
   */
  public RateLimiter(int limitPerHour, int limitPerMinute, Clock clock) {
    this.clock = clock;
    setLimits(limitPerHour, limitPerMinute);
  }

  /** Changes both limits; calls already counted stay counted. */
  public synchronized void setLimits(int limitPerHour, int limitPerMinute) {
    if (limitPerHour < 1) {
      throw new IllegalArgumentException(
          "Invalid rateLimitPerHour: " + limitPerHour + " (expected 1 or more)");
    }
    if (limitPerMinute < 0) {
      throw new IllegalArgumentException(
          "Invalid rateLimitPerMinute: " + limitPerMinute + " (expected 0 for none, or more)");
    }
    this.limitPerHour = limitPerHour;
    this.limitPerMinute = limitPerMinute;
  }

  /** Counts a call of the key, unless the key has no budget left. */
  public synchronized Decision acquire(String keyId) {
    Instant now = clock.instant();
    Deque<Instant> calls = callsByKey.computeIfAbsent(keyId, k -> new ArrayDeque<>());
    Instant hourStart = now.minus(HOUR);
    while (!calls.isEmpty() && !calls.peekFirst().isAfter(hourStart)) {
      calls.removeFirst();
    }
    int inLastMinute = countSince(calls, now.minus(MINUTE));

    if (calls.size() >= limitPerHour) {
      Duration wait = Duration.between(now, calls.peekFirst().plus(HOUR));
      return new Decision(false, 0, minuteRemaining(inLastMinute), wait);
    }
    if (limitPerMinute > 0 && inLastMinute >= limitPerMinute) {
      Instant oldestInMinute = nthNewest(calls, inLastMinute);
      Duration wait = Duration.between(now, oldestInMinute.plus(MINUTE));
      return new Decision(false, limitPerHour - calls.size(), 0, wait);
    }
    calls.addLast(now);
    return new Decision(
        true, limitPerHour - calls.size(), minuteRemaining(inLastMinute + 1), Duration.ZERO);
  }

  /** Returns the header value of a decision. */
  public synchronized String headerValue(Decision decision) {
    String value =
        "user-hour-lim:" + limitPerHour + ";user-hour-rem:" + decision.hourRemaining() + ";";
    if (limitPerMinute > 0) {
      value +=
          "user-minute-lim:"
              + limitPerMinute
              + ";user-minute-rem:"
              + Math.max(0, decision.minuteRemaining())
              + ";";
    }
    return value;
  }

  /** Returns the header value for a call that used no budget (such as a rejected token). */
  public synchronized String headerValueWithoutUse() {
    return headerValue(new Decision(true, limitPerHour, limitPerMinute, Duration.ZERO));
  }

  public synchronized int limitPerHour() {
    return limitPerHour;
  }

  public synchronized int limitPerMinute() {
    return limitPerMinute;
  }

  private int minuteRemaining(int usedInLastMinute) {
    return limitPerMinute > 0 ? Math.max(0, limitPerMinute - usedInLastMinute) : -1;
  }

  private static int countSince(Deque<Instant> calls, Instant start) {
    int count = 0;
    Iterator<Instant> newestFirst = calls.descendingIterator();
    while (newestFirst.hasNext() && newestFirst.next().isAfter(start)) {
      count++;
    }
    return count;
  }

  private static Instant nthNewest(Deque<Instant> calls, int n) {
    Iterator<Instant> newestFirst = calls.descendingIterator();
    Instant call = null;
    for (int i = 0; i < n && newestFirst.hasNext(); i++) {
      call = newestFirst.next();
    }
    return call;
  }
}
