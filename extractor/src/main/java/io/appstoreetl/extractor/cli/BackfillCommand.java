package io.appstoreetl.extractor.cli;

import io.appstoreetl.extractor.RunOptions;
import io.appstoreetl.extractor.RunOptions.Source;
import java.io.IOException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code backfill}: lands analytics history from a ONE_TIME_SNAPSHOT request. */
@Command(
    name = "backfill",
    mixinStandardHelpOptions = true,
    description = {
      "Lands the analytics report instances of each app's ONE_TIME_SNAPSHOT request whose"
          + " processing date lies from --from to 5 days after --to (the days in which Apple"
          + " still restates a metric date), as the daily run lands ONGOING ones. An existing"
          + " snapshot request is reused (Apple allows one a month); instances that landed"
          + " before are skipped, so running it twice lands nothing twice.",
      "Settings as for extract. Exits 0 when nothing failed (a snapshot that has no instances"
          + " yet is pending, not a failure), 1 when an app failed, 2 for invalid options."
    })
final class BackfillCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Mixin private RunSettings settings = new RunSettings();

  @Option(
      names = "--from",
      required = true,
      paramLabel = "YYYY-MM-DD",
      description = "First metric date to backfill.")
  private String from;

  @Option(
      names = "--to",
      required = true,
      paramLabel = "YYYY-MM-DD",
      description = "Last metric date to backfill.")
  private String to;

  private final CliContext context;

  BackfillCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws IOException {
    LocalDate first = parse("--from", from);
    LocalDate last = parse("--to", to);
    if (last.isBefore(first)) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "Invalid --to: " + to + " (expected " + from + " or later, the --from date)");
    }
    settings.validate(spec);

    return settings.run(
        context,
        granularities ->
            new RunOptions(
                RunOptions.BACKFILL,
                last,
                first,
                last,
                granularities,
                settings.threads,
                EnumSet.of(Source.ANALYTICS),
                YearMonth.from(last)));
  }

  private LocalDate parse(String option, String value) {
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "Invalid " + option + ": " + value + " (expected YYYY-MM-DD)");
    }
  }
}
