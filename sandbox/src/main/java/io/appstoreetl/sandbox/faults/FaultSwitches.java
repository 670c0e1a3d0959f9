package io.appstoreetl.sandbox.faults;

import io.appstoreetl.sandbox.RetryAfterFormat;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The fault switches a test flips while the sandbox runs: counted faults that affect the next N
 * calls, and switches that stay on until turned off. Thread-safe.
 */
public final class FaultSwitches {

  /** Items in a huge page unless a test sets another number. */
  public static final int DEFAULT_HUGE_PAGE_ITEMS = 100_000;

  private final Map<CountedFault, AtomicInteger> pending = new EnumMap<>(CountedFault.class);
  private final Duration initialApiResponseDelay;
  private final boolean initialMultiMemberGzip;
  private final boolean initialRequestListingForbidden;
  private final boolean initialFinanceAccess;

  private volatile int serverErrorStatus = 500;
  private volatile RetryAfterFormat throttleRetryAfter = RetryAfterFormat.NONE;
  private volatile Duration throttleRetryDelay = Duration.ofSeconds(1);
  private volatile int hugePageItems = DEFAULT_HUGE_PAGE_ITEMS;
  private volatile Duration apiResponseDelay;
  private volatile boolean multiMemberGzip;
  private volatile boolean loopingNextLinks;
  private volatile boolean requestListingForbidden;
  private volatile boolean financeAccess;

  public FaultSwitches(
      Duration apiResponseDelay,
      boolean multiMemberGzip,
      boolean requestListingForbidden,
      boolean financeAccess) {
    for (CountedFault fault : CountedFault.values()) {
      pending.put(fault, new AtomicInteger());
    }
    this.initialApiResponseDelay = apiResponseDelay;
    this.initialMultiMemberGzip = multiMemberGzip;
    this.initialRequestListingForbidden = requestListingForbidden;
    this.initialFinanceAccess = financeAccess;
    reset();
  }

  /** Clears every counted fault and puts every switch back to its configured value. */
  public void reset() {
    pending.values().forEach(counter -> counter.set(0));
    serverErrorStatus = 500;
    throttleRetryAfter = RetryAfterFormat.NONE;
    throttleRetryDelay = Duration.ofSeconds(1);
    hugePageItems = DEFAULT_HUGE_PAGE_ITEMS;
    apiResponseDelay = initialApiResponseDelay;
    multiMemberGzip = initialMultiMemberGzip;
    loopingNextLinks = false;
    requestListingForbidden = initialRequestListingForbidden;
    financeAccess = initialFinanceAccess;
  }

  /**
   * Makes the fault affect the next {@code count} occasions, replacing any count still pending.
   *
   * @throws IllegalArgumentException when the count is negative
   */
  public void arm(CountedFault fault, int count) {
    if (count < 0) {
      throw new IllegalArgumentException("Invalid count: " + count + " (expected 0 or more)");
    }
    pending.get(fault).set(count);
  }

  /** Uses up one occasion of the fault; returns whether this occasion is affected. */
  public boolean take(CountedFault fault) {
    return pending.get(fault).getAndUpdate(n -> Math.max(0, n - 1)) > 0;
  }

  /** Returns how many occasions the fault still affects. */
  public int pending(CountedFault fault) {
    return pending.get(fault).get();
  }

  /**
   * Sets the status of {@link CountedFault#SERVER_ERROR}.
   *
   * @throws IllegalArgumentException for a status other than 500, 502, 503 or 504
   */
  public void serverErrorStatus(int status) {
    if (status != 500 && status != 502 && status != 503 && status != 504) {
      throw new IllegalArgumentException(
          "Invalid status: " + status + " (expected 500, 502, 503 or 504)");
    }
    this.serverErrorStatus = status;
  }

  public int serverErrorStatus() {
    return serverErrorStatus;
  }

  /** Sets the Retry-After of {@link CountedFault#THROTTLE} and the wait it announces. */
  public void throttleRetryAfter(RetryAfterFormat format, Duration delay) {
    if (delay.isNegative()) {
      throw new IllegalArgumentException("Invalid delay: " + delay + " (expected 0 or more)");
    }
    this.throttleRetryAfter = format;
    this.throttleRetryDelay = delay;
  }

  public RetryAfterFormat throttleRetryAfter() {
    return throttleRetryAfter;
  }

  public Duration throttleRetryDelay() {
    return throttleRetryDelay;
  }

  /** Sets the number of items of {@link CountedFault#HUGE_PAGE}. */
  public void hugePageItems(int items) {
    if (items < 1) {
      throw new IllegalArgumentException("Invalid items: " + items + " (expected 1 or more)");
    }
    this.hugePageItems = items;
  }

  public int hugePageItems() {
    return hugePageItems;
  }

  /** Sets the delay added before every API response; zero for none. */
  public void apiResponseDelay(Duration delay) {
    if (delay.isNegative()) {
      throw new IllegalArgumentException("Invalid delay: " + delay + " (expected 0 or more)");
    }
    this.apiResponseDelay = delay;
  }

  public Duration apiResponseDelay() {
    return apiResponseDelay;
  }

  public void multiMemberGzip(boolean enabled) {
    this.multiMemberGzip = enabled;
  }

  public boolean multiMemberGzip() {
    return multiMemberGzip;
  }

  public void loopingNextLinks(boolean enabled) {
    this.loopingNextLinks = enabled;
  }

  public boolean loopingNextLinks() {
    return loopingNextLinks;
  }

  public void requestListingForbidden(boolean forbidden) {
    this.requestListingForbidden = forbidden;
  }

  public boolean requestListingForbidden() {
    return requestListingForbidden;
  }

  public void financeAccess(boolean allowed) {
    this.financeAccess = allowed;
  }

  public boolean financeAccess() {
    return financeAccess;
  }
}
