package io.appstoreetl.launcher;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Starts the extractor in its own JVM, as cron or Airflow would in production. */
final class ExtractorRunner {

  static final String EXTRACTOR_MAIN = "io.appstoreetl.extractor.cli.ExtractorMain";

  private final EtlHome home;
  private final ProcessRunner processRunner;
  private final List<String> jvmOptions;

  ExtractorRunner(EtlHome home, ProcessRunner processRunner) {
    this(home, processRunner, List.of("-Xmx512m"));
  }

  ExtractorRunner(EtlHome home, ProcessRunner processRunner, List<String> jvmOptions) {
    this.home = home;
    this.processRunner = processRunner;
    this.jvmOptions = List.copyOf(jvmOptions);
  }

  ProcessRunner.Result run(Lake lake, List<String> arguments, Map<String, String> environment) {
    List<String> command = new ArrayList<>();
    command.add(SparkJobRunner.javaExecutable());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(home.extractorClasspath());
    command.add(EXTRACTOR_MAIN);
    command.addAll(arguments);
    // The extractor prints only its summary's path on stdout; the launcher reports from the
    // summary.
    Map<String, String> childEnvironment = new HashMap<>();
    if (lake.s3Access() != null) {
      childEnvironment.putAll(lake.s3Access().environment());
    }
    childEnvironment.putAll(environment);
    return processRunner.run(command, childEnvironment, Path.of("").toAbsolutePath(), false);
  }
}
