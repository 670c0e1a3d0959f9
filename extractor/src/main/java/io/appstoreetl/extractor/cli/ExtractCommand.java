package io.appstoreetl.extractor.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.appstoreetl.extractor.ConfigException;
import io.appstoreetl.extractor.ExtractRun;
import io.appstoreetl.extractor.ExtractorConfig;
import io.appstoreetl.extractor.ExtractorVersion;
import io.appstoreetl.extractor.RunSummary;
import io.appstoreetl.extractor.auth.InvalidPrivateKeyException;
import io.appstoreetl.extractor.auth.JwtTokenProvider;
import io.appstoreetl.extractor.auth.PrivateKeyLoader;
import io.appstoreetl.extractor.http.AppStoreConnectClient;
import io.appstoreetl.extractor.raw.RawZone;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.ECPrivateKey;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code extract}: lands every analytics instance not landed yet, then the sales report of D. */
@Command(
    name = "extract",
    mixinStandardHelpOptions = true,
    description = {
      "Lands every analytics report instance of the apps that has not landed yet, then the daily"
          + " SALES SUMMARY report of the date, and writes a run summary.",
      "Settings come from options, the environment (ASC_ISSUER_ID, ASC_KEY_ID, ASC_P8_PATH,"
          + " APPLE_VENDOR_NUMBER, APP_IDS, ASC_API_BASE_URL, RAW_ROOT) and the working"
          + " directory's .env file, in that order.",
      "Prints the summary's path; exits 0 when nothing failed, 1 when an app or the sales step"
          + " failed, 2 for invalid options or configuration."
    })
final class ExtractCommand implements Callable<Integer> {
  private static final int MAX_THREADS = 32;

  @Spec private CommandSpec spec;

  @Option(
      names = "--raw-root",
      paramLabel = "DIR",
      description = "Raw zone folder (default: RAW_ROOT or ./lake/raw).")
  private String rawRoot;

  @Option(
      names = "--date",
      paramLabel = "YYYY-MM-DD",
      description =
          "Metric date of the run and report date of the sales report (default: yesterday in UTC).")
  private String date;

  @Option(
      names = "--app-id",
      paramLabel = "ID",
      description = "Apple app id to extract; repeat for several. Replaces APP_IDS.")
  private List<String> appIds = new ArrayList<>();

  @Option(
      names = "--api-base-url",
      paramLabel = "URL",
      description =
          "App Store Connect API base URL (default: ASC_API_BASE_URL or https://api.appstoreconnect.apple.com).")
  private String apiBaseUrl;

  @Option(
      names = "--sandbox",
      description =
          "Allow an http:// API base URL on a loopback host, as the local sandbox serves.")
  private boolean sandbox;

  @Option(
      names = "--summary-file",
      paramLabel = "FILE",
      description = "Also write the run summary JSON here.")
  private Path summaryFile;

  @Option(
      names = "--threads",
      paramLabel = "N",
      description =
          "Apps extracted in parallel, 1 to " + MAX_THREADS + " (default: ${DEFAULT-VALUE}).")
  private int threads = ExtractRun.DEFAULT_THREADS;

  private final CliContext context;

  ExtractCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws IOException {
    LocalDate runDate = parseDate();
    if (threads < 1 || threads > MAX_THREADS) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "Invalid --threads: " + threads + " (expected 1 to " + MAX_THREADS + ")");
    }

    ExtractorConfig config;
    ECPrivateKey privateKey;
    try {
      config =
          ExtractorConfig.load(
              context.environment(),
              context.workingDirectory(),
              new ExtractorConfig.Overrides(rawRoot, apiBaseUrl, appIds, sandbox));
      privateKey = PrivateKeyLoader.load(config.p8Path());
    } catch (ConfigException | InvalidPrivateKeyException e) {
      context.err().println(e.getMessage());
      return ExitCodes.USAGE;
    }

    ObjectMapper mapper = new ObjectMapper();
    JwtTokenProvider tokens =
        new JwtTokenProvider(config.issuerId(), config.keyId(), privateKey, context.clock());
    AppStoreConnectClient client =
        new AppStoreConnectClient(
            config.apiBaseUrl(),
            tokens,
            context.retryPolicy(),
            AppStoreConnectClient.DEFAULT_CONNECT_TIMEOUT,
            AppStoreConnectClient.DEFAULT_REQUEST_TIMEOUT,
            mapper,
            config.sandbox(),
            context.clock(),
            "appstore-etl-extractor/" + ExtractorVersion.get());
    RawZone rawZone = new RawZone(config.rawRoot(), mapper);

    RunSummary summary =
        new ExtractRun(
                config.appIds(), config.vendorNumber(), client, rawZone, context.clock(), threads)
            .run(runDate);
    if (summaryFile != null) {
      Path target = context.workingDirectory().resolve(summaryFile);
      if (target.getParent() != null) {
        Files.createDirectories(target.getParent());
      }
      Files.write(
          target,
          mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(summary.toJson(mapper)));
    }
    context.out().println(rawZone.resolve(ExtractRun.summaryKey(summary)));

    return summary.errorsTotal() == 0 ? ExitCodes.OK : ExitCodes.FAILED;
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
}
