package io.appstoreetl.emr;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.emrserverless.EmrServerlessClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The {@code emr} command: {@code deploy} uploads the Spark job jar to S3, {@code submit} starts
 * the curation job on EMR Serverless and, with {@code --wait}, follows it to its end.
 *
 * <p>The launcher mounts it as {@code appstore-etl emr}; its public no-argument constructor reads
 * the real environment. Results go to stdout (the jar's URI, the job run id) and diagnostics to
 * stderr. Each subcommand returns one of {@link EmrExitCodes} and handles its own errors, so it
 * behaves the same under any parent command.
 */
@Command(
    name = "emr",
    mixinStandardHelpOptions = true,
    versionProvider = EmrCommand.VersionProvider.class,
    description = "Deploy and run the Spark job on EMR Serverless.",
    subcommands = {EmrCommand.DeployCommand.class, EmrCommand.SubmitCommand.class})
public final class EmrCommand implements Callable<Integer> {

  private final EmrContext context;

  @Spec private CommandSpec spec;

  /** Creates the command for a real run (see {@link EmrContext#system}). */
  public EmrCommand() {
    this(EmrContext.system());
  }

  public EmrCommand(EmrContext context) {
    this.context = context;
  }

  public static void main(String[] args) {
    System.exit(execute(EmrContext.system(), args));
  }

  /** Runs {@code emr} with {@code args} and returns its exit code (see {@link EmrExitCodes}). */
  public static int execute(EmrContext context, String... args) {
    CommandLine commandLine = new CommandLine(new EmrCommand(context));
    commandLine.setOut(context.out());
    commandLine.setErr(context.err());

    int exitCode = commandLine.execute(args);
    context.out().flush();
    context.err().flush();

    return exitCode;
  }

  /**
   * Returns the spark-submit arguments of the job that {@code emr submit} with {@code
   * submitArguments} would start, without calling AWS: {@code --class}, the Glue catalog's {@code
   * --conf} pairs, the jar's S3 URI and the job's arguments. {@link SparkJob#withConf} and {@link
   * SparkJob#withEntryPoint} on {@link #sparkJob} switch the catalog and jar for a local run.
   *
   * @param submitArguments the options after {@code submit}, such as {@code --from 2025-03-01 --to
   *     2025-03-03}
   * @throws EmrException with the exit code that {@code submit} would return for invalid options or
   *     configuration
   */
  public static List<String> sparkSubmitArguments(EmrContext context, String... submitArguments) {
    return sparkJob(context, submitArguments).sparkSubmitArguments();
  }

  /**
   * Returns the job that {@code emr submit} with {@code submitArguments} would start.
   *
   * @throws EmrException as {@link #sparkSubmitArguments}
   */
  public static SparkJob sparkJob(EmrContext context, String... submitArguments) {
    List<String> arguments = new ArrayList<>();
    arguments.add("submit");
    arguments.addAll(List.of(submitArguments));

    CommandLine commandLine = new CommandLine(new EmrCommand(context));
    CommandLine.ParseResult parsed;
    try {
      parsed = commandLine.parseArgs(arguments.toArray(String[]::new));
    } catch (CommandLine.ParameterException e) {
      throw new EmrException(EmrExitCodes.USAGE, e.getMessage());
    }
    if (parsed.subcommand().isUsageHelpRequested()
        || parsed.subcommand().isVersionHelpRequested()) {
      throw new EmrException(
          EmrExitCodes.USAGE,
          "Invalid job options: " + String.join(" ", submitArguments) + " (expected no --help)");
    }
    SubmitCommand submit = (SubmitCommand) parsed.subcommand().commandSpec().userObject();
    try {
      submit.checkJobOptions();
      if (submit.isMaintenance()) {
        return EmrJobSubmitter.maintenanceJob(
            submit.config().jobSettings(), submit.tableList(), submit.maintenanceOptions());
      }
      return EmrJobSubmitter.sparkJob(
          submit.config().jobSettings(), submit.range(), submit.tableList());
    } catch (CommandLine.ParameterException e) {
      throw new EmrException(EmrExitCodes.USAGE, e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new EmrException(EmrExitCodes.USAGE, e.getMessage());
    }
  }

  @Override
  public Integer call() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "Missing subcommand (expected deploy or submit)");
  }

  EmrContext context() {
    return context;
  }

  /** Runs a subcommand's body and turns its failures into a message and an exit code. */
  static int run(EmrContext context, String action, Callable<Integer> body) {
    try {
      return body.call();
    } catch (EmrException e) {
      context.err().println("Error: " + e.getMessage());
      return e.exitCode();
    } catch (IllegalArgumentException e) {
      context.err().println("Error: " + e.getMessage());
      return EmrExitCodes.USAGE;
    } catch (SdkException e) {
      // SDK messages carry the service's reason, status code and request id, and no credentials.
      context.err().println("Error: cannot " + action + ": " + e.getMessage());
      return EmrExitCodes.AWS_ERROR;
    } catch (Exception e) {
      context.err().println("Error: cannot " + action + ": " + e);
      return EmrExitCodes.FAILED;
    } finally {
      context.out().flush();
      context.err().flush();
    }
  }

  /** Reports the project version that this module was built with. */
  static final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"appstore-etl emr " + JobJar.version()};
    }
  }

  /** {@code emr deploy}: uploads the job jar. */
  @Command(
      name = "deploy",
      mixinStandardHelpOptions = true,
      description =
          "Upload the Spark job jar to s3://<S3_BUCKET>/<S3_PREFIX>/jars/ and print its S3 URI.")
  static final class DeployCommand implements Callable<Integer> {

    @ParentCommand private EmrCommand parent;

    @Option(
        names = "--jar",
        paramLabel = "PATH",
        description =
            "Job jar to upload (default: spark-curation/target/<this build's job jar> in the"
                + " project checkout).")
    Path jar;

    @Override
    public Integer call() {
      EmrContext context = parent.context();
      return run(
          context,
          "upload the job jar",
          () -> {
            EmrConfig.DeploySettings settings =
                EmrConfig.load(context.environment(), context.workingDirectory()).forDeploy();
            Path file =
                jar != null
                    ? context.workingDirectory().resolve(jar)
                    : context
                        .projectHome()
                        .resolve(JobJar.BUILD_DIRECTORY)
                        .resolve(JobJar.fileName());

            try (S3Client s3 = AwsClients.s3(settings.aws())) {
              context.err().printf("Uploading %s to %s%n", file, settings.lake().jarsFolder());
              EmrDeployer.DeployedJar deployed = new EmrDeployer(s3, settings.lake()).deploy(file);
              context.err().printf("Uploaded %d bytes%n", deployed.sizeBytes());
              context.out().println(deployed.uri());
            }

            return EmrExitCodes.OK;
          });
    }
  }

  /**
   * {@code emr submit}: starts the curation job (or with {@code --job maintenance} the table
   * maintenance job) and, with {@code --wait}, follows it.
   */
  @Command(
      name = "submit",
      mixinStandardHelpOptions = true,
      description =
          "Start the curation job on EMR Serverless for a range of metric dates, or the table"
              + " maintenance job, and print the job run id.")
  static final class SubmitCommand implements Callable<Integer> {

    // Covers time in the QUEUED state, which the execution timeout may not include.
    static final int EXTRA_WAIT_MINUTES = 60;

    static final String CURATION = "curation";
    static final String MAINTENANCE = "maintenance";

    @ParentCommand private EmrCommand parent;

    @Spec private CommandSpec spec;

    @Option(
        names = "--job",
        paramLabel = "KIND",
        defaultValue = CURATION,
        description =
            "Job to start: curation (needs --from and --to) or maintenance (compaction, snapshot"
                + " expiry and orphan file removal; default: ${DEFAULT-VALUE}).")
    String job;

    @Option(
        names = "--from",
        paramLabel = "YYYY-MM-DD",
        description = "First metric date (curation job).")
    String from;

    @Option(
        names = "--to",
        paramLabel = "YYYY-MM-DD",
        description = "Last metric date, inclusive (curation job).")
    String to;

    @Option(
        names = "--retain-days",
        paramLabel = "N",
        description =
            "Maintenance job: expire snapshots committed more than N days ago (default: 7).")
    Integer retainDays;

    @Option(
        names = "--orphan-age-hours",
        paramLabel = "H",
        description =
            "Maintenance job: delete unreferenced files older than H hours (default: 72, at least"
                + " 24).")
    Integer orphanAgeHours;

    @Option(
        names = "--min-input-files",
        paramLabel = "N",
        description =
            "Maintenance job: compact partitions with at least N data files (default: 5).")
    Integer minInputFiles;

    @Option(
        names = "--attempt",
        paramLabel = "N",
        defaultValue = "1",
        description =
            "Attempt number (default: ${DEFAULT-VALUE}). The same range and attempt return the run"
                + " already started; pass the next number to run again after a failure.")
    int attempt;

    @Option(
        names = "--tables",
        paramLabel = "NAMES",
        split = ",",
        description = "Comma-separated tables to curate (default: all).")
    List<String> tables = new ArrayList<>();

    @Option(
        names = "--wait",
        description =
            "Wait for the run to end, printing its states; the exit code follows the final state.")
    boolean waitForRun;

    @Option(
        names = "--poll-interval",
        paramLabel = "SECONDS",
        defaultValue = "30",
        description =
            "Seconds between two GetJobRun calls with --wait (default: ${DEFAULT-VALUE}).")
    long pollIntervalSeconds;

    @Option(
        names = "--max-wait",
        paramLabel = "MINUTES",
        description =
            "Minutes to wait with --wait before giving up (default: the execution timeout plus "
                + EXTRA_WAIT_MINUTES
                + ").")
    Long maxWaitMinutes;

    @Override
    public Integer call() {
      checkJobOptions();
      EmrContext context = parent.context();
      return run(
          context,
          "run the job on EMR Serverless",
          () -> {
            DateRange range = isMaintenance() ? null : range();
            List<String> tableNames = tableList();
            EmrJobSubmitter.checkAttempt(attempt);
            if (pollIntervalSeconds < 1) {
              throw new IllegalArgumentException(
                  "Invalid --poll-interval: " + pollIntervalSeconds + " (expected 1 or more)");
            }
            if (maxWaitMinutes != null && maxWaitMinutes < 0) {
              throw new IllegalArgumentException(
                  "Invalid --max-wait: " + maxWaitMinutes + " (expected 0 or more minutes)");
            }
            EmrConfig.SubmitSettings settings = config().forSubmit();

            try (EmrServerlessClient client = AwsClients.emrServerless(settings.aws())) {
              EmrJobSubmitter submitter = new EmrJobSubmitter(client, settings.job());
              EmrJobSubmitter.SubmittedJobRun run =
                  isMaintenance()
                      ? submitter.submitMaintenance(
                          LocalDate.ofInstant(context.clock().instant(), ZoneOffset.UTC),
                          tableNames,
                          maintenanceOptions(),
                          attempt)
                      : submitter.submit(range, tableNames, attempt);
              context
                  .err()
                  .printf(
                      "Submitted job run %s (%s) to application %s, client token %s; logs under"
                          + " %s%n",
                      run.jobRunId(),
                      run.name(),
                      run.applicationId(),
                      run.clientToken(),
                      settings.job().logUri());
              context.out().println(run.jobRunId());
              context.out().flush();
              if (!waitForRun) {
                return EmrExitCodes.OK;
              }

              long maxWait =
                  maxWaitMinutes != null
                      ? maxWaitMinutes
                      : settings.job().executionTimeoutMinutes() + EXTRA_WAIT_MINUTES;
              JobRunWatcher watcher =
                  new JobRunWatcher(
                      client,
                      context.err(),
                      context.clock(),
                      context.sleeper(),
                      Duration.ofSeconds(pollIntervalSeconds),
                      Duration.ofMinutes(maxWait));
              return watcher.watch(run.applicationId(), run.jobRunId()).exitCode();
            }
          });
    }

    EmrConfig config() {
      EmrContext context = parent.context();
      return EmrConfig.load(context.environment(), context.workingDirectory());
    }

    DateRange range() {
      return DateRange.parse(from, to);
    }

    boolean isMaintenance() {
      return MAINTENANCE.equals(job);
    }

    /**
     * Checks that the options fit the job kind, as picocli checks required options.
     *
     * @throws CommandLine.ParameterException naming the missing or misplaced options
     */
    void checkJobOptions() {
      if (!CURATION.equals(job) && !MAINTENANCE.equals(job)) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "Invalid --job: " + job + " (expected curation or maintenance)");
      }
      if (isMaintenance()) {
        if (from != null || to != null) {
          throw new CommandLine.ParameterException(
              spec.commandLine(),
              "Invalid options: --from and --to select dates of the curation job (the maintenance"
                  + " job covers whole tables)");
        }
        return;
      }
      if (retainDays != null || orphanAgeHours != null || minInputFiles != null) {
        throw new CommandLine.ParameterException(
            spec.commandLine(),
            "Invalid options: --retain-days, --orphan-age-hours and --min-input-files need --job"
                + " maintenance");
      }
      List<String> missing = new ArrayList<>();
      if (from == null) {
        missing.add("'--from=YYYY-MM-DD'");
      }
      if (to == null) {
        missing.add("'--to=YYYY-MM-DD'");
      }
      if (!missing.isEmpty()) {
        throw new CommandLine.ParameterException(
            spec.commandLine(),
            (missing.size() == 1 ? "Missing required option: " : "Missing required options: ")
                + String.join(", ", missing));
      }
    }

    /** Returns the maintenance job's retention and compaction options that were given. */
    List<String> maintenanceOptions() {
      List<String> options = new ArrayList<>();
      if (retainDays != null) {
        options.add("--retain-days");
        options.add(retainDays.toString());
      }
      if (orphanAgeHours != null) {
        options.add("--orphan-age-hours");
        options.add(orphanAgeHours.toString());
      }
      if (minInputFiles != null) {
        options.add("--min-input-files");
        options.add(minInputFiles.toString());
      }

      return options;
    }

    List<String> tableList() {
      return EmrJobSubmitter.tableNames(tables);
    }
  }
}
