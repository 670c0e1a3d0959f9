package io.appstoreetl.extractor.cli;

import io.appstoreetl.extractor.RunOptions;
import io.appstoreetl.extractor.RunOptions.Source;
import java.io.IOException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code extract}: the daily run; lands every report unit that has not landed yet. */
@Command(
    name = "extract",
    mixinStandardHelpOptions = true,
    description = {
      "Lands every analytics report instance of the apps that has not landed yet, the apps'"
          + " new customer reviews, the list of apps, the Sales and Trends reports of the last 7"
          + " days that have not landed (SALES, SUBSCRIPTION, SUBSCRIPTION_EVENT, SUBSCRIBER),"
          + " and the finance reports of the fiscal month, then writes a run summary.",
      "Settings come from options, the environment (ASC_ISSUER_ID, ASC_KEY_ID, ASC_P8_PATH,"
          + " APPLE_VENDOR_NUMBER, APP_IDS, ASC_API_BASE_URL, RAW_ROOT, FINANCE_REGIONS,"
          + " SALES_REPORT_VERSION, SUBSCRIPTION_REPORT_VERSION, SUBSCRIPTION_EVENT_REPORT_VERSION,"
          + " SUBSCRIBER_REPORT_VERSION; optional Apple Ads: APPLE_ADS_CLIENT_ID, APPLE_ADS_TEAM_ID,"
          + " APPLE_ADS_KEY_ID, APPLE_ADS_KEY_PATH, APPLE_ADS_ACCOUNT_ID) and the working"
          + " directory's .env file, in that order.",
      "Prints the summary's path; exits 0 when nothing failed (pending reports are not"
          + " failures), 1 when an app or a report failed, after every other one finished, 2 for"
          + " invalid options or configuration."
    })
final class ExtractCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Mixin private RunSettings settings = new RunSettings();

  @Option(
      names = "--date",
      paramLabel = "YYYY-MM-DD",
      description =
          "Metric date of the run: the last day of daily sales reports fetched (default:"
              + " yesterday in UTC).")
  private String date;

  @Option(
      names = "--fiscal-month",
      paramLabel = "YYYY-MM",
      description = "Apple fiscal month of the finance reports (default: the month before --date).")
  private String fiscalMonth;

  @Option(
      names = "--sources",
      paramLabel = "S[,S...]",
      split = ",",
      description =
          "What to land: analytics, reviews, sales, finance, apps, apple_ads (default: all). The"
              + " apps are listed in any case when the run covers every app.")
  private List<String> sources = new ArrayList<>();

  private final CliContext context;

  ExtractCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws IOException {
    LocalDate runDate = parseDate();
    YearMonth month = parseFiscalMonth(runDate);
    EnumSet<Source> chosen = parseSources();
    settings.validate(spec);

    return settings.run(
        context,
        granularities ->
            new RunOptions(
                RunOptions.EXTRACT,
                runDate,
                null,
                null,
                granularities,
                settings.threads,
                chosen,
                month));
  }

  private LocalDate parseDate() {
    if (date == null) {
      return LocalDate.now(context.clock().withZone(ZoneOffset.UTC)).minusDays(1);
    }

    try {
      return LocalDate.parse(date);
    } catch (DateTimeParseException e) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "Invalid --date: " + date + " (expected YYYY-MM-DD)");
    }
  }

  private YearMonth parseFiscalMonth(LocalDate runDate) {
    if (fiscalMonth == null) {
      return YearMonth.from(runDate).minusMonths(1);
    }

    try {
      return YearMonth.parse(fiscalMonth);
    } catch (DateTimeParseException e) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "Invalid --fiscal-month: " + fiscalMonth + " (expected YYYY-MM)");
    }
  }

  private EnumSet<Source> parseSources() {
    if (sources.isEmpty()) {
      return EnumSet.allOf(Source.class);
    }

    EnumSet<Source> chosen = EnumSet.noneOf(Source.class);
    for (String value : sources) {
      try {
        chosen.add(Source.valueOf(value.trim().toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(
            spec.commandLine(),
            "Invalid --sources: "
                + value
                + " (expected analytics, reviews, sales, finance, apps or apple_ads)");
      }
    }

    return chosen;
  }
}
