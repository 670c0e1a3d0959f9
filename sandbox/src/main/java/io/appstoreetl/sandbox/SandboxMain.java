package io.appstoreetl.sandbox;

import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.concurrent.CountDownLatch;

/* Runs a sandbox until the process is killed, for tests and launchers in another process. Once the
 * server listens, it prints the base URL as the only line on stdout. Logs go wherever the SLF4J
 * binding on the class path sends them.
 *
 * <pre>
 * java -cp sandbox.jar:... io.appstoreetl.sandbox.SandboxMain --port 0 --apps 3 --seed 42 \
 *     --today 2025-01-10 --history-start 2025-01-03
 * </pre>
 */
public final class SandboxMain {

  static final int EXIT_INVALID_INPUT = 2;
  static final int EXIT_CANNOT_START = 1;

  static final String USAGE =
      "Usage: SandboxMain [--port N] [--apps N] [--seed N] [--today YYYY-MM-DD]"
          + " [--history-start YYYY-MM-DD] [--vendor-number DIGITS] [more flags below]\n"
          + "  --port                   TCP port on 127.0.0.1; 0 picks a free port (default 0)\n"
          + "  --apps                   number of apps, ids 1000000001 upwards (default 3)\n"
          + "  --seed                   seed of all generated ids and data (default 42)\n"
          + "  --today                  simulated today (default: the current UTC date)\n"
          + "  --history-start          first metric date with data (default: today minus 7"
          + " days)\n"
          + "  --vendor-number          vendor number of the sales reports (default 80000001)\n"
          + "  --rows-per-day R=N       rows per app and day of analytics report R, such as"
          + " 'App Sessions Standard=200'; repeatable\n"
          + "  --reviews-per-day        customer reviews per app and day (default 5)\n"
          + "  --rate-limit-per-hour    API calls per key in a rolling hour (default 3600)\n"
          + "  --rate-limit-per-minute  API calls per key in a rolling minute; 0 for none"
          + " (default 0)\n"
          + "  --api-delay-ms           milliseconds added before every API response (default"
          + " 0)\n"
          + "  --huge-segment-bytes     size of an extra streamed segment; 0 for none (default"
          + " 0)\n"
          + "  --huge-segment-app       app of the streamed segment (default: the first app)\n"
          + "  --huge-segment-report    report of the streamed segment (default App Downloads"
          + " Standard)\n"
          + "  --handler-threads        threads serving HTTP requests (default 64)";

  private SandboxMain() {}

  public static void main(String[] args) throws InterruptedException {
    SandboxConfig config;
    try {
      config = parseArguments(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println(USAGE);
      System.exit(EXIT_INVALID_INPUT);
      return;
    }

    SandboxServer sandbox;
    try {
      sandbox = SandboxServer.start(config);
    } catch (IOException e) {
      System.err.println("Cannot start the sandbox on port " + config.port() + ": " + e);
      System.exit(EXIT_CANNOT_START);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(sandbox::close, "sandbox-shutdown"));
    System.out.println(sandbox.baseUrl());
    System.out.flush();
    new CountDownLatch(1).await();
  }

  /**
   * Reads the flags into a configuration.
   *
   * @throws IllegalArgumentException naming the flag and its invalid value
   */
  static SandboxConfig parseArguments(String[] args) {
    SandboxConfig.Builder builder = SandboxConfig.builder();
    for (int i = 0; i < args.length; i++) {
      String flag = args[i];
      if (flag.equals("--help")) {
        throw new IllegalArgumentException("Flags of the sandbox:");
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("Missing value for " + flag);
      }
      String value = args[++i];
      switch (flag) {
        case "--port" -> builder.port(parseInt(flag, value));
        case "--apps" -> builder.appCount(parseInt(flag, value));
        case "--seed" -> builder.seed(parseLong(flag, value));
        case "--today" -> builder.today(parseDate(flag, value));
        case "--history-start" -> builder.historyStart(parseDate(flag, value));
        case "--vendor-number" -> builder.vendorNumber(value);
        case "--rows-per-day" -> rowsPerDay(builder, value);
        case "--reviews-per-day" -> builder.reviewsPerDay(parseInt(flag, value));
        case "--rate-limit-per-hour" -> builder.rateLimitPerHour(parseInt(flag, value));
        case "--rate-limit-per-minute" -> builder.rateLimitPerMinute(parseInt(flag, value));
        case "--api-delay-ms" ->
            builder.apiResponseDelay(Duration.ofMillis(parseLong(flag, value)));
        case "--huge-segment-bytes" -> builder.hugeSegmentBytes(parseLong(flag, value));
        case "--huge-segment-app" -> builder.hugeSegmentAppId(value);
        case "--huge-segment-report" -> builder.hugeSegmentReport(value);
        case "--handler-threads" -> builder.handlerThreads(parseInt(flag, value));
        default -> throw new IllegalArgumentException("Unknown flag: " + flag);
      }
    }
    return builder.build();
  }

  private static void rowsPerDay(SandboxConfig.Builder builder, String value) {
    int equals = value.lastIndexOf('=');
    if (equals < 1) {
      throw new IllegalArgumentException(
          "Invalid --rows-per-day: " + value + " (expected REPORT NAME=ROWS)");
    }
    builder.analyticsRowsPerDay(
        value.substring(0, equals), parseInt("--rows-per-day", value.substring(equals + 1)));
  }

  private static int parseInt(String flag, String value) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "Invalid " + flag + ": " + value + " (expected an integer)");
    }
  }

  private static long parseLong(String flag, String value) {
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "Invalid " + flag + ": " + value + " (expected an integer)");
    }
  }

  private static LocalDate parseDate(String flag, String value) {
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "Invalid " + flag + ": " + value + " (expected a date as YYYY-MM-DD)");
    }
  }
}
