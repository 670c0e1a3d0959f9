package io.appstoreetl.emr;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/**
 * What the {@code emr} commands read and write: the environment, the working directory (for {@code
 * .env}), the project checkout (for the job jar), the output streams, the clock and the sleeper of
 * {@code --wait}. Tests pass their own.
 *
 * @param projectHome the checkout whose {@code spark-curation/target} contains the job jar
 * @param out results: the job run id, the uploaded jar's URI
 * @param err diagnostics: job run states and error messages
 */
public record EmrContext(
    Map<String, String> environment,
    Path workingDirectory,
    Path projectHome,
    PrintWriter out,
    PrintWriter err,
    Clock clock,
    JobRunWatcher.Sleeper sleeper) {

  /** The system property that {@code bin/appstore-etl} sets to the project checkout. */
  public static final String HOME_PROPERTY = "appstore.etl.home";

  /** The environment variable that names the project checkout when the property is not set. */
  public static final String HOME_ENV = "APPSTORE_ETL_HOME";

  public EmrContext {
    Objects.requireNonNull(environment, "environment == null");
    Objects.requireNonNull(workingDirectory, "workingDirectory == null");
    Objects.requireNonNull(projectHome, "projectHome == null");
    Objects.requireNonNull(out, "out == null");
    Objects.requireNonNull(err, "err == null");
    Objects.requireNonNull(clock, "clock == null");
    Objects.requireNonNull(sleeper, "sleeper == null");
  }

  /**
   * Returns the context of a real run: the process environment, the current directory, the checkout
   * from {@code appstore.etl.home} or {@code APPSTORE_ETL_HOME} (else the current directory),
   * standard output and error, the UTC clock and {@code Thread.sleep}.
   */
  public static EmrContext system() {
    Path workingDirectory = Path.of("").toAbsolutePath();
    String home = System.getProperty(HOME_PROPERTY);
    if (home == null || home.isBlank()) {
      home = System.getenv(HOME_ENV);
    }
    Path projectHome = home == null || home.isBlank() ? workingDirectory : Path.of(home);

    return new EmrContext(
        System.getenv(),
        workingDirectory,
        projectHome.toAbsolutePath().normalize(),
        new PrintWriter(System.out, true, StandardCharsets.UTF_8),
        new PrintWriter(System.err, true, StandardCharsets.UTF_8),
        Clock.systemUTC(),
        JobRunWatcher.Sleeper.threadSleep());
  }
}
