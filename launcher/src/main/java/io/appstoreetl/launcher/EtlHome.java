package io.appstoreetl.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;

/**
 * The project's checkout and the build outputs the launcher starts its child processes from.
 *
 * <p>{@code bin/appstore-etl} sets the system property {@code appstore.etl.home} (the tests set it
 * too). The build writes two classpath files there: one for the extractor (the launcher's runtime
 * classpath) and one for the Spark job (Spark, Iceberg and SQLite, which are {@code provided} in
 * the job jar).
 */
final class EtlHome {

  static final String HOME_PROPERTY = "appstore.etl.home";
  static final String HOME_ENV = "APPSTORE_ETL_HOME";

  private final Path root;

  EtlHome(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  static EtlHome locate() {
    String home = System.getProperty(HOME_PROPERTY);
    if (home == null || home.isBlank()) {
      home = System.getenv(HOME_ENV);
    }
    if (home == null || home.isBlank()) {
      throw new LauncherException(
          ExitCodes.UNEXPECTED_STATE,
          "Cannot find the appstore-etl build: set "
              + HOME_ENV
              + " to the project checkout, or run bin/appstore-etl");
    }
    return new EtlHome(Paths.get(home));
  }

  Path root() {
    return root;
  }

  /** Classpath with the extractor and its dependencies (no Spark). */
  String extractorClasspath() {
    return readClasspathFile(root.resolve("launcher/target/launcher-classpath.txt"));
  }

  /** Classpath for {@code org.apache.spark.deploy.SparkSubmit}: Spark, Iceberg and SQLite. */
  String sparkClasspath() {
    return readClasspathFile(root.resolve("spark-curation/target/spark-classpath.txt"));
  }

  /** Returns the Spark job jar, as {@code spark-submit} and EMR Serverless run it. */
  Path jobJar() {
    Path target = root.resolve("spark-curation/target");
    try (Stream<Path> files = Files.list(target)) {
      List<Path> jars =
          files.filter(path -> path.getFileName().toString().endsWith("-job.jar")).toList();
      if (jars.size() != 1) {
        throw new LauncherException(
            ExitCodes.UNEXPECTED_STATE,
            "Cannot find the Spark job jar: expected one *-job.jar in "
                + target
                + ", found "
                + jars.size()
                + " (run mvn -DskipTests install)");
      }
      return jars.get(0);
    } catch (IOException e) {
      throw new LauncherException(
          ExitCodes.UNEXPECTED_STATE,
          "Cannot find the Spark job jar in " + target + ": " + e.getMessage());
    }
  }

  Path sparkLogConfig() {
    return root.resolve("conf/log4j2-spark.properties");
  }

  private static String readClasspathFile(Path file) {
    try {
      return Files.readString(file).strip();
    } catch (IOException e) {
      throw new LauncherException(
          ExitCodes.UNEXPECTED_STATE,
          "Cannot read classpath file "
              + file
              + ": "
              + e.getMessage()
              + " (run mvn -DskipTests install first)");
    } catch (UncheckedIOException e) {
      throw new LauncherException(ExitCodes.UNEXPECTED_STATE, e.getMessage());
    }
  }
}
