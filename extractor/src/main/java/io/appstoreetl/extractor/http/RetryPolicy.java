package io.appstoreetl.extractor.http;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.nio.file.FileSystemException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one retry helper: retries a call on transport failures ({@link IOException}), 429 and 5xx,
 * with exponential backoff and jitter, capped in attempts and in total time. A {@code Retry-After}
 * delay, when the server sent one, replaces the backoff for that wait.
 */
public final class RetryPolicy {
  private static final Logger LOG = LoggerFactory.getLogger(RetryPolicy.class);
  private static final Pattern DIGITS = Pattern.compile("[0-9]{1,19}");
  // Retry-After values this large are epoch milliseconds (2001 and later), not seconds.
  private static final long EPOCH_MILLIS_THRESHOLD = 1_000_000_000_000L;

  public static final int DEFAULT_MAX_ATTEMPTS = 5;
  public static final long DEFAULT_BASE_DELAY_MS = 1_000;
  public static final long DEFAULT_MAX_DELAY_MS = 30_000;
  public static final long DEFAULT_MAX_TOTAL_MS = 300_000;

  /** Waits between attempts; tests pass one that records the delays instead of sleeping. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(long millis) throws InterruptedException;
  }

  /** One try of the call; {@code attemptNumber} starts at 1. */
  @FunctionalInterface
  public interface Attempt<T> {
    T run(int attemptNumber) throws IOException;
  }

  private final int maxAttempts;
  private final long baseDelayMs;
  private final long maxDelayMs;
  private final long maxTotalMs;
  private final Sleeper sleeper;
  private final LongSupplier nanoTime;

  public RetryPolicy(
      int maxAttempts,
      long baseDelayMs,
      long maxDelayMs,
      long maxTotalMs,
      Sleeper sleeper,
      LongSupplier nanoTime) {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException(
          "Invalid max attempts: " + maxAttempts + " (expected 1 or more)");
    }
    if (baseDelayMs < 0 || maxDelayMs < baseDelayMs || maxTotalMs < 0) {
      throw new IllegalArgumentException(
          String.format(
              "Invalid retry delays: base %d ms, max %d ms, total %d ms"
                  + " (expected 0 <= base <= max and total >= 0)",
              baseDelayMs, maxDelayMs, maxTotalMs));
    }

    this.maxAttempts = maxAttempts;
    this.baseDelayMs = baseDelayMs;
    this.maxDelayMs = maxDelayMs;
    this.maxTotalMs = maxTotalMs;
    this.sleeper = sleeper;
    this.nanoTime = nanoTime;
  }

  public static RetryPolicy defaults() {
    return new RetryPolicy(
        DEFAULT_MAX_ATTEMPTS,
        DEFAULT_BASE_DELAY_MS,
        DEFAULT_MAX_DELAY_MS,
        DEFAULT_MAX_TOTAL_MS,
        Thread::sleep,
        System::nanoTime);
  }

  public int maxAttempts() {
    return maxAttempts;
  }

  /**
   * Runs {@code attempt} until it succeeds, fails in a way that is not retried, or the attempts or
   * the total time run out; then rethrows the last failure.
   *
   * @param description what is being tried, for log lines: method and a loggable URL
   * @throws InterruptedIOException when interrupted while waiting; the interrupt flag is restored
   */
  public <T> T run(String description, Attempt<T> attempt) throws IOException {
    long startNanos = nanoTime.getAsLong();
    for (int attemptNumber = 1; ; attemptNumber++) {
      IOException failure;
      try {
        return attempt.run(attemptNumber);
      } catch (IOException e) {
        if (!isRetryable(e)) {
          throw e;
        }
        failure = e;
      }

      int attemptsLeft = maxAttempts - attemptNumber;
      if (attemptsLeft <= 0) {
        LOG.warn(
            "Giving up on {} after {} attempts: {}",
            description,
            attemptNumber,
            Failures.describe(failure));
        throw failure;
      }

      long delayMs = delayMs(failure, attemptNumber);
      long elapsedMs = (nanoTime.getAsLong() - startNanos) / 1_000_000;
      if (elapsedMs + delayMs > maxTotalMs) {
        LOG.warn(
            "Giving up on {} after {} attempts: waiting {} ms more would pass the {} ms limit: {}",
            description,
            attemptNumber,
            delayMs,
            maxTotalMs,
            Failures.describe(failure));
        throw failure;
      }

      LOG.warn(
          "Retrying {}: attempt {} of {} failed ({}), sleeping {} ms, attempts left: {}",
          description,
          attemptNumber,
          maxAttempts,
          Failures.describe(failure),
          delayMs,
          attemptsLeft);
      try {
        sleeper.sleep(delayMs);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        InterruptedIOException interrupted =
            new InterruptedIOException("Interrupted while waiting to retry " + description);
        interrupted.addSuppressed(failure);
        throw interrupted;
      }
    }
  }

  private static boolean isRetryable(IOException e) {
    if (e instanceof ApiException api) {
      return api.isRetryable();
    }

    // A read that timed out is a network failure, though Java makes it an InterruptedIOException.
    if (e instanceof SocketTimeoutException) {
      return true;
    }

    // Local file and parse errors will not go away on a second try; network failures may.
    return !(e instanceof InterruptedIOException
        || e instanceof FileSystemException
        || e instanceof NonRetryableIOException);
  }

  private long delayMs(IOException failure, int attemptNumber) {
    if (failure instanceof ApiException api && api.retryAfter().isPresent()) {
      return Math.max(0, api.retryAfter().get().toMillis());
    }

    long exponential = baseDelayMs << Math.min(attemptNumber - 1, 30);
    long capped = Math.min(maxDelayMs, exponential);
    // Half fixed, half random: spreads parallel clients without waiting much less than planned.
    return capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
  }

  /**
   * Parses a {@code Retry-After} value: seconds, epoch milliseconds (Apple's App Store Server API
   * form) or an HTTP date. Returns {@code null} for anything else.
   */
  public static Duration parseRetryAfter(String value, Instant now) {
    if (value == null || value.isBlank()) {
      return null;
    }

    String trimmed = value.trim();
    if (DIGITS.matcher(trimmed).matches()) {
      long number = Long.parseLong(trimmed);
      if (number >= EPOCH_MILLIS_THRESHOLD) {
        return Duration.ofMillis(Math.max(0, number - now.toEpochMilli()));
      }

      return Duration.ofSeconds(number);
    }

    try {
      Instant at = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      Duration delay = Duration.between(now, at);

      return delay.isNegative() ? Duration.ZERO : delay;
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
