package io.appstoreetl.extractor.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TestRateLimiter {
  private static final long HOUR_MS = 3_600_000;
  private static final long MINUTE_MS = 60_000;

  private final AtomicLong nowMillis = new AtomicLong(0);
  private final List<Long> sentAt = Collections.synchronizedList(new ArrayList<>());

  @Test
  void everyRollingHourStaysUnderTheLimit() throws Exception {
    RateLimiter limiter = limiter(100, 0);

    for (int i = 0; i < 450; i++) {
      limiter.acquire();
      sentAt.add(nowMillis.get());
      nowMillis.addAndGet(1_000);
    }

    assertThat(maxInWindow(HOUR_MS)).isEqualTo(99).isLessThan(100);
    assertThat(limiter.waits()).isPositive();
    assertThat(nowMillis.get())
        .as("450 calls at 99 an hour take a little over 4 hours, not much more")
        .isBetween(4 * HOUR_MS, 5 * HOUR_MS);
  }

  @Test
  void minuteLimitFromHeaderIsKept() throws Exception {
    RateLimiter limiter = limiter(3600, 0);
    limiter.onResponse(
        RateLimitHeader.parse(
            "user-hour-lim:3600;user-hour-rem:3599;user-minute-lim:10;user-minute-rem:10;"));

    for (int i = 0; i < 40; i++) {
      limiter.acquire();
      sentAt.add(nowMillis.get());
      nowMillis.addAndGet(100);
    }

    assertThat(limiter.minuteLimit()).isEqualTo(10);
    assertThat(maxInWindow(MINUTE_MS)).isLessThanOrEqualTo(9);
  }

  @Test
  void hourLimitFromHeaderReplacesTheDefault() throws Exception {
    RateLimiter limiter = limiter(3600, 0);

    limiter.onResponse(RateLimitHeader.parse("user-hour-lim:3500;user-hour-rem:3499;"));

    assertThat(limiter.hourLimit()).isEqualTo(3500);
  }

  @Test
  void callsOfOtherClientsCountAgainstTheBudget() throws Exception {
    RateLimiter limiter = limiter(100, 0);
    limiter.acquire();

    // Apple reports 60 calls in the last hour; this process made 1.
    limiter.onResponse(RateLimitHeader.parse("user-hour-lim:100;user-hour-rem:40"));
    int withoutWaiting = 0;
    while (limiter.waits() == 0) {
      limiter.acquire();
      withoutWaiting++;
    }

    assertThat(withoutWaiting).isEqualTo(99 - 60 + 1);
  }

  @Test
  void rateLimitedResponsePausesEveryCaller() throws Exception {
    RateLimiter limiter = limiter(3600, 0);

    limiter.onRateLimited(Duration.ofSeconds(30));
    limiter.acquire();

    assertThat(nowMillis.get()).isEqualTo(30_000);
    assertThat(limiter.waitedMs()).isEqualTo(30_000);
  }

  @Test
  void parallelCallersShareOneBudget() throws Exception {
    RateLimiter limiter = limiter(50, 0);
    List<Integer> windowSizes = Collections.synchronizedList(new ArrayList<>());
    ExecutorService pool = Executors.newFixedThreadPool(8);
    CountDownLatch done = new CountDownLatch(200);
    try {
      for (int i = 0; i < 200; i++) {
        pool.submit(
            () -> {
              try {
                limiter.acquire();
                windowSizes.add(limiter.callsInLastHour());
              } catch (Exception e) {
                throw new IllegalStateException(e);
              } finally {
                done.countDown();
              }
            });
      }
      assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
    } finally {
      pool.shutdownNow();
    }

    assertThat(windowSizes).hasSize(200).allMatch(size -> size <= 49);
    assertThat(limiter.waits()).isPositive();
  }

  @Test
  void headerIsParsedLeniently() {
    assertThat(RateLimitHeader.parse("user-hour-lim:3500;user-hour-rem:500;"))
        .isEqualTo(new RateLimitHeader(3500, 500, null, null));
    assertThat(
            RateLimitHeader.parse(
                " User-Hour-Lim : 3600 ; user-minute-lim:150;user-minute-rem:149"))
        .isEqualTo(new RateLimitHeader(3600, null, 150, 149));
    assertThat(RateLimitHeader.parse("user-hour-lim=3600, user-hour-rem=12"))
        .isEqualTo(new RateLimitHeader(3600, 12, null, null));
    assertThat(
            RateLimitHeader.parse("user-hour-lim:lots;;garbage;user-day-lim:9;:5;user-hour-rem:-1"))
        .isEqualTo(new RateLimitHeader(null, null, null, null));
    assertThat(RateLimitHeader.parse(null)).isEqualTo(new RateLimitHeader(null, null, null, null));
    assertThat(RateLimitHeader.parse("")).isEqualTo(new RateLimitHeader(null, null, null, null));
  }

  private RateLimiter limiter(int hourLimit, int minuteLimit) {
    // Waiting moves the virtual clock; a real sleep would make these tests take hours.
    return new RateLimiter(hourLimit, minuteLimit, nowMillis::get, nowMillis::addAndGet);
  }

  /**
   * Returns the maximum number of calls recorded in any window of {@code windowMs} that starts at a
   * call.
   */
  private int maxInWindow(long windowMs) {
    List<Long> times = new ArrayList<>(sentAt);
    Collections.sort(times);
    int max = 0;
    int start = 0;
    for (int end = 0; end < times.size(); end++) {
      while (times.get(end) - times.get(start) >= windowMs) {
        start++;
      }
      max = Math.max(max, end - start + 1);
    }
    return max;
  }
}
