package io.appstoreetl.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts API calls and file downloads separately, and the peak number of API calls in any rolling
 * minute, over all keys and including rejected calls. Thread-safe.
 */
final class TrafficCounters {

  private static final Duration MINUTE = Duration.ofMinutes(1);

  private final Clock clock;
  private final AtomicLong apiCalls = new AtomicLong();
  private final AtomicLong downloads = new AtomicLong();
  private final Deque<Instant> callsInLastMinute = new ArrayDeque<>();
  private int peakPerMinute;

  TrafficCounters(Clock clock) {
    this.clock = clock;
  }

  void countApiCall() {
    apiCalls.incrementAndGet();
    Instant now = clock.instant();
    synchronized (callsInLastMinute) {
      Instant windowStart = now.minus(MINUTE);
      while (!callsInLastMinute.isEmpty() && !callsInLastMinute.peekFirst().isAfter(windowStart)) {
        callsInLastMinute.removeFirst();
      }
      callsInLastMinute.addLast(now);
      peakPerMinute = Math.max(peakPerMinute, callsInLastMinute.size());
    }
  }

  void countDownload() {
    downloads.incrementAndGet();
  }

  long apiCalls() {
    return apiCalls.get();
  }

  long downloads() {
    return downloads.get();
  }

  int peakPerMinute() {
    synchronized (callsInLastMinute) {
      return peakPerMinute;
    }
  }

  /** Sets every count and the peak back to zero. */
  void reset() {
    apiCalls.set(0);
    downloads.set(0);
    synchronized (callsInLastMinute) {
      callsInLastMinute.clear();
      peakPerMinute = 0;
    }
  }
}
