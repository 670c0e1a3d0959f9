package io.appstoreetl.extractor.cli;

import io.appstoreetl.extractor.ExtractorVersion;
import io.appstoreetl.extractor.http.RetryPolicy;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The extractor's command line: {@code extract} lands App Store Connect reports in the raw zone,
 * {@code backfill} lands analytics history from a snapshot request, {@code import} lands downloaded
 * Sales and Trends files. Results go to stdout, diagnostics to stderr.
 */
@Command(
    name = "extractor",
    mixinStandardHelpOptions = true,
    versionProvider = ExtractorMain.VersionProvider.class,
    description = "Lands Apple App Store Connect report files unchanged in the raw zone.")
public final class ExtractorMain implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(ExtractorMain.class);

  @Spec private CommandSpec spec;

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    CliContext context =
        new CliContext(
            System.getenv(),
            Path.of("").toAbsolutePath(),
            out,
            err,
            Clock.systemUTC(),
            RetryPolicy.defaults(),
            Terminals.isStderrTerminal());
    int exitCode = execute(context, args);
    if (MemoryReport.enabled()) {
      err.println(MemoryReport.line());
    }
    System.exit(exitCode);
  }

  /** Runs the command line and returns its exit code (see {@link ExitCodes}). */
  public static int execute(CliContext context, String... args) {
    CommandLine commandLine =
        new CommandLine(new ExtractorMain())
            .addSubcommand("extract", new ExtractCommand(context))
            .addSubcommand("backfill", new BackfillCommand(context))
            .addSubcommand("import", new ImportCommand(context));
    commandLine.setOut(context.out());
    commandLine.setErr(context.err());
    commandLine.setExecutionExceptionHandler(
        (exception, failed, parseResult) -> {
          LOG.error("{} failed", failed.getCommandName(), exception);
          failed.getErr().println("Cannot run " + failed.getCommandName() + ": " + exception);
          return ExitCodes.FAILED;
        });

    int exitCode = commandLine.execute(args);
    context.out().flush();
    context.err().flush();

    return exitCode;
  }

  @Override
  public Integer call() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "Missing command (expected extract, backfill or import)");
  }

  /** Reports the Maven version of the extractor. */
  static final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"extractor " + ExtractorVersion.get()};
    }
  }
}
