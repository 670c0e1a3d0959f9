package io.appstoreetl.launcher;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Option;

/** Options and helpers that every launcher command shares. */
abstract class LauncherCommand implements Callable<Integer> {

  @Option(
      names = "--lake",
      paramLabel = "DIR",
      description =
          "Local lake folder: raw zone, Iceberg catalog and warehouse (default: ${DEFAULT-VALUE}).",
      defaultValue = "lake")
  Path lakeDirectory;

  @Option(
      names = "--spark-master",
      paramLabel = "MASTER",
      description = "Spark master for the job (default: ${DEFAULT-VALUE}).",
      defaultValue = "local[*]")
  String sparkMaster;

  PrintStream out = System.out;
  PrintStream err = System.err;

  void streams(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  Lake lake() {
    return new Lake(lakeDirectory);
  }

  ProcessRunner processRunner() {
    return new ProcessRunner(out, err);
  }

  SparkJobRunner sparkJobRunner(EtlHome home) {
    return new SparkJobRunner(home, processRunner(), sparkMaster);
  }
}
