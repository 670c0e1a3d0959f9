package io.appstoreetl.extractor.cli;

import io.appstoreetl.extractor.http.RetryPolicy;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * Inputs and outputs of the commands: the environment, the working directory (for {@code .env} and
 * relative paths), the output streams, the clock and the retry policy. Tests pass their own.
 *
 * @param out results: summary paths and one line per imported file
 * @param err diagnostics and error messages
 * @param stderrIsTerminal whether {@code err} is a terminal, where a progress line is shown
 */
public record CliContext(
    Map<String, String> environment,
    Path workingDirectory,
    PrintWriter out,
    PrintWriter err,
    Clock clock,
    RetryPolicy retryPolicy,
    boolean stderrIsTerminal) {
  public CliContext(
      Map<String, String> environment,
      Path workingDirectory,
      PrintWriter out,
      PrintWriter err,
      Clock clock,
      RetryPolicy retryPolicy) {
    this(environment, workingDirectory, out, err, clock, retryPolicy, false);
  }
}
