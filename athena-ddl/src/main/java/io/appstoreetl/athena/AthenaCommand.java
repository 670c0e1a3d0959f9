package io.appstoreetl.athena;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.AthenaClientBuilder;

/**
 * The {@code athena} command: {@code apply} creates the database, the tables that do not exist yet
 * and the views through the Athena API (see {@link AthenaApply} and {@link AthenaSettings}).
 *
 * <p>The launcher mounts it as {@code appstore-etl athena}; its public no-argument constructor
 * reads the real environment. Progress and errors go to stderr; {@code --dry-run} prints the
 * statements to stdout. Exit codes: {@value #OK} done, {@value #FAILED} a statement failed in
 * Athena or timed out, {@value #USAGE} invalid options or settings, {@value #AWS_ERROR} a call to
 * AWS failed.
 */
@Command(
    name = "athena",
    mixinStandardHelpOptions = true,
    description = "Create the Athena database, tables and views.",
    subcommands = {AthenaCommand.ApplyCommand.class})
public final class AthenaCommand implements Callable<Integer> {

  public static final int OK = 0;
  public static final int FAILED = 1;
  public static final int USAGE = 2;
  public static final int AWS_ERROR = 3;

  /**
   * The environment, working directory, output streams and sleeper of the command. Tests pass their
   * own.
   *
   * @param out results: the statements of {@code --dry-run}
   * @param err progress and error messages
   */
  public record Context(
      Map<String, String> environment,
      Path workingDirectory,
      PrintWriter out,
      PrintWriter err,
      AthenaQueryRunner.Sleeper sleeper) {

    public Context {
      Objects.requireNonNull(environment, "environment == null");
      Objects.requireNonNull(workingDirectory, "workingDirectory == null");
      Objects.requireNonNull(out, "out == null");
      Objects.requireNonNull(err, "err == null");
      Objects.requireNonNull(sleeper, "sleeper == null");
    }

    /** Returns the process environment, the current directory, stdout, stderr and sleep. */
    public static Context system() {
      return new Context(
          System.getenv(),
          Path.of("").toAbsolutePath(),
          new PrintWriter(System.out, true, StandardCharsets.UTF_8),
          new PrintWriter(System.err, true, StandardCharsets.UTF_8),
          AthenaQueryRunner.Sleeper.threadSleep());
    }
  }

  private final Context context;

  @Spec private CommandSpec spec;

  /** Creates the command for a real run (see {@link Context#system}). */
  public AthenaCommand() {
    this(Context.system());
  }

  public AthenaCommand(Context context) {
    this.context = Objects.requireNonNull(context, "context == null");
  }

  public static void main(String[] args) {
    System.exit(execute(Context.system(), args));
  }

  /** Runs {@code athena} with {@code args} and returns its exit code. */
  public static int execute(Context context, String... args) {
    CommandLine commandLine = new CommandLine(new AthenaCommand(context));
    commandLine.setOut(context.out());
    commandLine.setErr(context.err());

    int exitCode = commandLine.execute(args);
    context.out().flush();
    context.err().flush();

    return exitCode;
  }

  @Override
  public Integer call() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "Missing subcommand (expected apply)");
  }

  /** Returns an Athena client with the JDK's HTTP client; the caller closes it. */
  public static AthenaClient client(AthenaSettings settings) {
    AthenaClientBuilder builder =
        AthenaClient.builder()
            .region(Region.of(settings.region()))
            .credentialsProvider(credentials(settings))
            .httpClientBuilder(UrlConnectionHttpClient.builder());
    if (settings.endpointOverride() != null) {
      builder.endpointOverride(settings.endpointOverride());
    }

    return builder.build();
  }

  private static AwsCredentialsProvider credentials(AthenaSettings settings) {
    if (settings.accessKeyId() == null) {
      return DefaultCredentialsProvider.builder().build();
    }
    if (settings.sessionToken() != null) {
      return StaticCredentialsProvider.create(
          AwsSessionCredentials.create(
              settings.accessKeyId(), settings.secretAccessKey(), settings.sessionToken()));
    }

    return StaticCredentialsProvider.create(
        AwsBasicCredentials.create(settings.accessKeyId(), settings.secretAccessKey()));
  }

  /** {@code athena apply}: runs the DDL and the views. */
  @Command(
      name = "apply",
      mixinStandardHelpOptions = true,
      description =
          "Run CREATE DATABASE, CREATE TABLE IF NOT EXISTS for every table and CREATE OR REPLACE"
              + " VIEW for every view in Athena.")
  static final class ApplyCommand implements Callable<Integer> {

    @ParentCommand private AthenaCommand parent;

    @Option(
        names = "--dry-run",
        description = "Print the statements with the placeholders filled in, and run none.")
    boolean dryRun;

    @Option(
        names = "--timeout-seconds",
        paramLabel = "SECONDS",
        description = "Maximum wait for each statement to finish, in seconds (default: 600).")
    long timeoutSeconds = AthenaQueryRunner.DEFAULT_TIMEOUT.toSeconds();

    @Override
    public Integer call() {
      Context context = parent.context;
      try {
        if (timeoutSeconds <= 0) {
          throw new IllegalArgumentException(
              "Invalid --timeout-seconds: " + timeoutSeconds + " (expected a positive number)");
        }
        AthenaSettings settings =
            AthenaSettings.load(context.environment(), context.workingDirectory());
        List<AthenaApply.Statement> statements = AthenaApply.rendered(settings);
        if (dryRun) {
          for (AthenaApply.Statement statement : statements) {
            context.out().printf("-- %s%n%s;%n%n", statement.name(), statement.sql().strip());
          }
          return OK;
        }

        context
            .err()
            .printf(
                "Applying %d statements to database %s in workgroup %s%n",
                statements.size(), settings.database(), settings.workgroup());
        try (AthenaClient athena = client(settings)) {
          AthenaQueryRunner runner =
              new AthenaQueryRunner(
                  athena,
                  settings.workgroup(),
                  settings.outputLocation(),
                  context.sleeper(),
                  Duration.ofSeconds(timeoutSeconds));
          int count = new AthenaApply(runner, context.err()).apply(statements);
          context.err().printf("Applied %d statements%n", count);
        }
        return OK;
      } catch (IllegalArgumentException | UncheckedIOException e) {
        context.err().println("Error: " + e.getMessage());
        return USAGE;
      } catch (AthenaQueryException e) {
        context.err().println("Error: " + e.getMessage());
        return FAILED;
      } catch (SdkException e) {
        // SDK messages carry the service's reason, status code and request id, and no credentials.
        context.err().println("Error: cannot run the statements in Athena: " + e.getMessage());
        return AWS_ERROR;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        context.err().println("Error: interrupted while waiting for Athena");
        return FAILED;
      } finally {
        context.out().flush();
        context.err().flush();
      }
    }
  }
}
