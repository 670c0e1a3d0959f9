package io.appstoreetl.extractor.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.appstoreetl.extractor.ConfigException;
import io.appstoreetl.extractor.ExtractRun;
import io.appstoreetl.extractor.ExtractorConfig;
import io.appstoreetl.extractor.ExtractorVersion;
import io.appstoreetl.extractor.RunOptions;
import io.appstoreetl.extractor.RunProgress;
import io.appstoreetl.extractor.RunSummary;
import io.appstoreetl.extractor.ads.AppleAdsClients;
import io.appstoreetl.extractor.ads.AppleAdsConfig;
import io.appstoreetl.extractor.ads.AppleAdsExtractor;
import io.appstoreetl.extractor.ads.AppleAdsKeyLoader;
import io.appstoreetl.extractor.auth.InvalidPrivateKeyException;
import io.appstoreetl.extractor.auth.JwtTokenProvider;
import io.appstoreetl.extractor.auth.PrivateKeyLoader;
import io.appstoreetl.extractor.http.AppStoreConnectClient;
import io.appstoreetl.extractor.raw.KeyValues;
import io.appstoreetl.extractor.raw.RawZone;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.ECPrivateKey;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * The options that {@code extract} and {@code backfill} share, and the steps both take: load the
 * configuration and key, build the client, run, write the summary, pick the exit code.
 */
final class RunSettings {
  private static final Logger LOG = LoggerFactory.getLogger(RunSettings.class);
  static final int MAX_THREADS = 64;

  @Option(
      names = "--raw-root",
      paramLabel = "DIR",
      description =
          "Raw zone folder or s3://bucket/prefix (default: RAW_ROOT, else"
              + " s3://S3_BUCKET/S3_PREFIX/raw when S3_BUCKET is set, else ./lake/raw).")
  String rawRoot;

  @Option(
      names = "--app-id",
      paramLabel = "ID",
      description =
          "Apple app id to extract; repeat for several. Replaces APP_IDS. Without either, every"
              + " app the key can see.")
  List<String> appIds = new ArrayList<>();

  @Option(
      names = "--all-apps",
      description = "Also cover every app the key can see (GET /v1/apps), besides those listed.")
  boolean allApps;

  @Option(
      names = "--api-base-url",
      paramLabel = "URL",
      description =
          "App Store Connect API base URL (default: ASC_API_BASE_URL or https://api.appstoreconnect.apple.com).")
  String apiBaseUrl;

  @Option(
      names = "--sandbox",
      description =
          "Allow an http:// API base URL on a loopback host, as the local sandbox serves.")
  boolean sandbox;

  @Option(
      names = "--summary-file",
      paramLabel = "FILE",
      description = "Also write the run summary JSON here.")
  Path summaryFile;

  @Option(
      names = "--threads",
      paramLabel = "N",
      description =
          "Tasks (apps, reports, report dates) run in parallel, 1 to "
              + MAX_THREADS
              + " (default: ${DEFAULT-VALUE}).")
  int threads = ExtractRun.DEFAULT_THREADS;

  @Option(
      names = "--granularity",
      paramLabel = "G[,G...]",
      split = ",",
      description = "Analytics and SALES granularities: DAILY, WEEKLY, MONTHLY (default: DAILY).")
  List<String> granularities = new ArrayList<>(List.of("DAILY"));

  /** Checks the options that need no configuration; throws picocli's usage error. */
  void validate(CommandSpec spec) {
    if (threads < 1 || threads > MAX_THREADS) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "Invalid --threads: " + threads + " (expected 1 to " + MAX_THREADS + ")");
    }

    Set<String> unique = new LinkedHashSet<>();
    for (String value : granularities) {
      String granularity = value.trim().toUpperCase(Locale.ROOT);
      if (!KeyValues.GRANULARITIES.contains(granularity)) {
        throw new CommandLine.ParameterException(
            spec.commandLine(),
            "Invalid --granularity: " + value + " (expected DAILY, WEEKLY or MONTHLY)");
      }
      unique.add(granularity);
    }
    granularities = new ArrayList<>(unique);
  }

  /**
   * Runs {@code options} with the configuration and returns the exit code: {@link ExitCodes#OK}
   * when nothing failed, {@link ExitCodes#FAILED} when an app or a report failed, {@link
   * ExitCodes#USAGE} for invalid configuration.
   */
  int run(CliContext context, Function<List<String>, RunOptions> options) throws IOException {
    ExtractorConfig config;
    ECPrivateKey privateKey;
    Optional<AppleAdsConfig> appleAdsConfig;
    ECPrivateKey appleAdsKey = null;
    try {
      config =
          ExtractorConfig.load(
              context.environment(),
              context.workingDirectory(),
              new ExtractorConfig.Overrides(rawRoot, apiBaseUrl, appIds, sandbox, allApps));
      privateKey = PrivateKeyLoader.load(config.p8Path());
      appleAdsConfig =
          AppleAdsConfig.load(
              ExtractorConfig.settings(context.environment(), context.workingDirectory()),
              context.workingDirectory(),
              sandbox);
      if (appleAdsConfig.isPresent()) {
        appleAdsKey = AppleAdsKeyLoader.load(appleAdsConfig.get().keyPath());
      }
    } catch (ConfigException | InvalidPrivateKeyException e) {
      context.err().println(e.getMessage());
      return ExitCodes.USAGE;
    }
    PrivateKeyLoader.permissionWarning(config.p8Path())
        .ifPresent(
            warning -> {
              LOG.warn("{}", warning);
              context.err().println("Warning: " + warning);
            });

    ObjectMapper mapper = new ObjectMapper();
    JwtTokenProvider tokens =
        new JwtTokenProvider(config.issuerId(), config.keyId(), privateKey, context.clock());
    AppStoreConnectClient client =
        AppStoreConnectClient.builder(config.apiBaseUrl(), tokens, mapper)
            .retry(context.retryPolicy())
            .allowLoopbackHttp(config.sandbox())
            .clock(context.clock())
            .userAgent("appstore-etl-extractor/" + ExtractorVersion.get())
            .build();
    RawZone rawZone = config.rawLocation().open(mapper);
    RunProgress progress =
        context.stderrIsTerminal()
            ? new TerminalProgress(context.err(), client.stats()::bytesReceived, System::nanoTime)
            : RunProgress.NONE;

    ExtractRun run = new ExtractRun(config, client, rawZone, context.clock(), progress);
    if (appleAdsConfig.isPresent()) {
      AppleAdsClients appleAds =
          AppleAdsClients.create(
              appleAdsConfig.get(),
              appleAdsKey,
              context.retryPolicy(),
              AppleAdsClients.defaultRateLimiter(),
              context.clock(),
              mapper,
              config.sandbox());
      run.withAppleAds(
          appleAds.step(rawZone, context.clock(), AppleAdsExtractor.DEFAULT_PAGE_SIZE));
    }
    RunSummary summary = run.run(options.apply(granularities));
    if (summaryFile != null) {
      Path target = context.workingDirectory().resolve(summaryFile);
      if (target.getParent() != null) {
        Files.createDirectories(target.getParent());
      }
      Files.write(
          target,
          mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(summary.toJson(mapper)));
    }
    context.out().println(rawZone.location(ExtractRun.summaryKey(summary)));
    if (summary.errorsTotal() > 0) {
      context
          .err()
          .printf(
              "%d errors in %d of %d apps and the other reports; see the run summary%n",
              summary.errorsTotal(), summary.appsFailed(), summary.apps().size());
    }

    return summary.errorsTotal() == 0 ? ExitCodes.OK : ExitCodes.FAILED;
  }
}
