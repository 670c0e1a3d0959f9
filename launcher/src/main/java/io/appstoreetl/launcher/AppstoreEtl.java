package io.appstoreetl.launcher;

import io.appstoreetl.athena.AthenaCommand;
import io.appstoreetl.athena.AthenaQueryRunner;
import io.appstoreetl.emr.EmrCommand;
import io.appstoreetl.emr.EmrContext;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code appstore-etl} command: one entry point for a person at a terminal. */
@Command(
    name = "appstore-etl",
    mixinStandardHelpOptions = true,
    version = "appstore-etl 0.1.0-SNAPSHOT",
    description = "App Store Connect data into Apache Iceberg tables.",
    subcommands = {
      DailyCommand.class,
      BackfillCommand.class,
      CurateCommand.class,
      QueryCommand.class,
      ImportCommand.class,
      MaintainCommand.class,
      ReportCommand.class,
      HealthCommand.class,
      CommandLine.HelpCommand.class
    })
public final class AppstoreEtl {

  /** Builds the command line with the launcher's error handling and exit codes. */
  public static CommandLine commandLine(PrintStream out, PrintStream err) {
    CommandLine commandLine = new CommandLine(new AppstoreEtl(), new Factory(out, err));
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    commandLine.addSubcommand("emr", new EmrCommand(emrContext(out, err)));
    commandLine.addSubcommand("athena", new AthenaCommand(athenaContext(out, err)));
    commandLine.setExecutionExceptionHandler(
        (exception, cmd, parseResult) -> {
          if (exception instanceof LauncherException launcherException) {
            err.println("Error: " + launcherException.getMessage());
            return launcherException.exitCode();
          }
          throw exception;
        });
    return commandLine;
  }

  private static EmrContext emrContext(PrintStream out, PrintStream err) {
    EmrContext system = EmrContext.system();
    return new EmrContext(
        system.environment(),
        system.workingDirectory(),
        system.projectHome(),
        new PrintWriter(out, true, StandardCharsets.UTF_8),
        new PrintWriter(err, true, StandardCharsets.UTF_8),
        system.clock(),
        system.sleeper());
  }

  private static AthenaCommand.Context athenaContext(PrintStream out, PrintStream err) {
    return new AthenaCommand.Context(
        System.getenv(),
        Path.of("").toAbsolutePath(),
        new PrintWriter(out, true, StandardCharsets.UTF_8),
        new PrintWriter(err, true, StandardCharsets.UTF_8),
        AthenaQueryRunner.Sleeper.threadSleep());
  }

  public static void main(String[] args) {
    int exitCode = commandLine(System.out, System.err).execute(args);
    System.exit(exitCode);
  }

  /** Gives every command the streams it writes to, so that tests can read them. */
  private record Factory(PrintStream out, PrintStream err) implements CommandLine.IFactory {
    @Override
    public <K> K create(Class<K> type) throws Exception {
      if (LauncherCommand.class.isAssignableFrom(type)) {
        K command = CommandLine.defaultFactory().create(type);
        ((LauncherCommand) command).streams(out, err);
        return command;
      }
      return CommandLine.defaultFactory().create(type);
    }
  }
}
