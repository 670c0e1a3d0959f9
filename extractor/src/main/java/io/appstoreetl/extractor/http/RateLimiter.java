package io.appstoreetl.extractor.http;

import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the API calls of one API key under Apple's limits by waiting before a call, never by
 * failing it. One instance is shared by every worker that uses the key.
 *
 * <p>Apple counts requests per key over a rolling 60 minutes ({@code user-hour-lim}, 3600 on live
 * accounts) and on some keys also per minute ({@code user-minute-lim}). The limiter records the
 * send time of each call. A call goes only while fewer than the limit minus a 1% headroom were sent
 * in the last hour, and in the last minute once a response reported a minute limit. Limits reported
 * in {@code X-Rate-Limit} replace the configured ones. When the reported remaining count shows
 * calls this process did not make (another client on the same key), they are added to the record as
 * if sent now, which errs on the side of waiting. A 429 pauses every worker for the {@code
 * Retry-After} delay, or for {@link #DEFAULT_PAUSE_AFTER_429} without one.
 */
public final class RateLimiter {
  private static final Logger LOG = LoggerFactory.getLogger(RateLimiter.class);
  private static final long HOUR_MS = 3_600_000;
  private static final long MINUTE_MS = 60_000;

  /** Apple's hourly limit on live accounts; Apple's documentation example shows 3500. */
  public static final int DEFAULT_HOUR_LIMIT = 3600;

  public static final Duration DEFAULT_PAUSE_AFTER_429 = Duration.ofSeconds(5);

  private final LongSupplier nowMillis;
  private final RetryPolicy.Sleeper sleeper;
  private final Deque<Long> lastHour = new ArrayDeque<>(); // guarded by this
  private final Deque<Long> lastMinute = new ArrayDeque<>(); // guarded by this
  private int hourLimit; // guarded by this
  private int minuteLimit; // guarded by this; 0 while no response reported one
  private long pausedUntilMs; // guarded by this
  private final AtomicLong waits = new AtomicLong();
  private final AtomicLong waitedMs = new AtomicLong();

  /**
   * @param hourLimit calls per rolling hour until a response reports Apple's limit
   * @param minuteLimit calls per rolling minute, or 0 for none until a response reports one
   * @param nowMillis wall-clock milliseconds; tests pass a clock they move
   * @param sleeper waits between checks; tests pass one that moves their clock
   */
  public RateLimiter(
      int hourLimit, int minuteLimit, LongSupplier nowMillis, RetryPolicy.Sleeper sleeper) {
    if (hourLimit < 1 || minuteLimit < 0) {
      throw new IllegalArgumentException(
          "Invalid rate limits: "
              + hourLimit
              + " per hour, "
              + minuteLimit
              + " per minute (expected at least 1 per hour and 0 or more per minute)");
    }

    this.hourLimit = hourLimit;
    this.minuteLimit = minuteLimit;
    this.nowMillis = nowMillis;
    this.sleeper = sleeper;
  }

  public static RateLimiter defaults() {
    return new RateLimiter(DEFAULT_HOUR_LIMIT, 0, System::currentTimeMillis, Thread::sleep);
  }

  /**
   * Waits until one more call fits within the limits and records it as sent.
   *
   * @throws InterruptedIOException when interrupted while waiting; the interrupt flag is restored
   */
  public void acquire() throws InterruptedIOException {
    while (true) {
      long waitMs;
      synchronized (this) {
        long now = nowMillis.getAsLong();
        prune(now);
        waitMs = waitMs(now);
        if (waitMs <= 0) {
          lastHour.addLast(now);
          lastMinute.addLast(now);
          return;
        }
      }

      waits.incrementAndGet();
      waitedMs.addAndGet(waitMs);
      LOG.debug("Rate limit reached; waiting {} ms before the next API call", waitMs);
      try {
        sleeper.sleep(waitMs);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("Interrupted while waiting for the API rate limit");
      }
    }
  }

  /** Takes the limits and remaining counts from a response's {@code X-Rate-Limit} header. */
  public synchronized void onResponse(RateLimitHeader header) {
    long now = nowMillis.getAsLong();
    prune(now);
    if (header.hourLimit() != null && header.hourLimit() > 0) {
      hourLimit = header.hourLimit();
    }
    if (header.minuteLimit() != null && header.minuteLimit() > 0) {
      minuteLimit = header.minuteLimit();
    }

    addUnseenCalls(lastHour, hourLimit, header.hourRemaining(), now);
    if (minuteLimit > 0) {
      addUnseenCalls(lastMinute, minuteLimit, header.minuteRemaining(), now);
    }
  }

  /** Pauses every caller after a 429, for {@code retryAfter} or the default pause. */
  public synchronized void onRateLimited(Duration retryAfter) {
    Duration pause = retryAfter == null ? DEFAULT_PAUSE_AFTER_429 : retryAfter;
    pausedUntilMs = Math.max(pausedUntilMs, nowMillis.getAsLong() + pause.toMillis());
  }

  public synchronized int hourLimit() {
    return hourLimit;
  }

  public synchronized int minuteLimit() {
    return minuteLimit;
  }

  /** Calls recorded in the rolling hour that ends now. */
  synchronized int callsInLastHour() {
    prune(nowMillis.getAsLong());
    return lastHour.size();
  }

  /** Number of times a call had to wait. */
  public long waits() {
    return waits.get();
  }

  /** Milliseconds spent waiting, added up over all callers. */
  public long waitedMs() {
    return waitedMs.get();
  }

  /** Calls allowed per window: the limit less a 1% headroom (at least 1 call). */
  static int budget(int limit) {
    int headroom = (limit + 99) / 100;
    return Math.max(1, limit - headroom);
  }

  private long waitMs(long now) {
    long wait = pausedUntilMs - now;
    wait = Math.max(wait, windowWaitMs(lastHour, budget(hourLimit), HOUR_MS, now));
    if (minuteLimit > 0) {
      wait = Math.max(wait, windowWaitMs(lastMinute, budget(minuteLimit), MINUTE_MS, now));
    }

    return wait;
  }

  /** Returns the wait until the window has fewer than {@code budget} calls, or 0 if it has. */
  private static long windowWaitMs(Deque<Long> window, int budget, long windowMs, long now) {
    int excess = window.size() - budget;
    if (excess < 0) {
      return 0;
    }

    // The call that has to leave the window before one more fits.
    Iterator<Long> oldestFirst = window.iterator();
    long leaving = oldestFirst.next();
    for (int i = 0; i < excess; i++) {
      leaving = oldestFirst.next();
    }

    return Math.max(1, leaving + windowMs - now);
  }

  private static void addUnseenCalls(Deque<Long> window, int limit, Integer remaining, long now) {
    if (remaining == null) {
      return;
    }

    int usedByServer = limit - remaining;
    for (int i = window.size(); i < usedByServer; i++) {
      window.addLast(now);
    }
  }

  private void prune(long now) {
    while (!lastHour.isEmpty() && lastHour.peekFirst() <= now - HOUR_MS) {
      lastHour.pollFirst();
    }
    while (!lastMinute.isEmpty() && lastMinute.peekFirst() <= now - MINUTE_MS) {
      lastMinute.pollFirst();
    }
  }
}
