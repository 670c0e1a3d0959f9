package io.appstoreetl.extractor.cli;

import io.appstoreetl.extractor.RunProgress;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * Shows one progress line on a terminal, rewritten in place once a second: apps done of total,
 * bytes received, time elapsed and an estimate of the time left (elapsed time per finished app
 * times the apps left).
 */
final class TerminalProgress implements RunProgress {
  private final PrintWriter err;
  private final LongSupplier bytesReceived;
  private final LongSupplier nowNanos;
  private final AtomicInteger done = new AtomicInteger();
  private volatile int total;
  private volatile long startNanos;
  private ScheduledExecutorService ticker;

  TerminalProgress(PrintWriter err, LongSupplier bytesReceived, LongSupplier nowNanos) {
    this.err = err;
    this.bytesReceived = bytesReceived;
    this.nowNanos = nowNanos;
  }

  @Override
  public synchronized void started(int apps) {
    total = apps;
    startNanos = nowNanos.getAsLong();
    ticker =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "progress");
              thread.setDaemon(true);
              return thread;
            });
    ticker.scheduleAtFixedRate(this::print, 1, 1, TimeUnit.SECONDS);
  }

  @Override
  public void appFinished() {
    done.incrementAndGet();
  }

  @Override
  public synchronized void finished() {
    if (ticker != null) {
      ticker.shutdownNow();
    }
    print();
    err.println();
    err.flush();
  }

  synchronized void print() {
    err.print("\r" + line());
    err.flush();
  }

  /** The progress line, without the carriage return that starts it. */
  String line() {
    int finished = done.get();
    Duration elapsed = Duration.ofNanos(nowNanos.getAsLong() - startNanos);
    String left = "unknown";
    if (finished > 0 && finished <= total) {
      left = clock(elapsed.multipliedBy(total - finished).dividedBy(finished));
    }

    return String.format(
        Locale.ROOT,
        "Apps %d/%d | %.1f MiB received | %s elapsed | about %s left   ",
        finished,
        total,
        bytesReceived.getAsLong() / (1024.0 * 1024.0),
        clock(elapsed),
        left);
  }

  private static String clock(Duration duration) {
    long seconds = duration.toSeconds();
    return String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
  }
}
