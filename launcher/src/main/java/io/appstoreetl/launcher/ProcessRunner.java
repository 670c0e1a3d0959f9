package io.appstoreetl.launcher;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs a child process, copying its stdout to this process's stdout (and keeping a copy) and its
 * stderr to this process's stderr.
 *
 * <p>The extractor and the Spark job run as separate processes, as in production, so a failure in
 * one of them shows up as its exit code and its own messages.
 */
final class ProcessRunner {

  /** The outcome of one child process. */
  record Result(int exitCode, String stdout) {}

  private final PrintStream out;
  private final PrintStream err;
  private final Consumer<Process> started;

  ProcessRunner(PrintStream out, PrintStream err) {
    this(out, err, process -> {});
  }

  /** With {@code started} called with each child process once it runs (tests kill it). */
  ProcessRunner(PrintStream out, PrintStream err, Consumer<Process> started) {
    this.out = out;
    this.err = err;
    this.started = started;
  }

  Result run(List<String> command, Map<String, String> environment, Path workingDirectory) {
    return run(command, environment, workingDirectory, true);
  }

  /**
   * Runs {@code command} to its end. With {@code echoStdout} false the child's stdout is only kept
   * for the caller, which then prints what the user needs from it.
   */
  Result run(
      List<String> command,
      Map<String, String> environment,
      Path workingDirectory,
      boolean echoStdout) {
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.directory(workingDirectory.toFile());
    builder.environment().putAll(environment);
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start process " + command.get(0), e);
    }
    started.accept(process);
    try {
      process.getOutputStream().close();
    } catch (IOException e) {
      // closing an unused pipe cannot lose data
    }

    ByteArrayOutputStream stdoutCopy = new ByteArrayOutputStream();
    OutputStream stdoutTarget = echoStdout ? new TeeStream(out, stdoutCopy) : stdoutCopy;
    Thread stdoutPump = pump(process.getInputStream(), stdoutTarget);
    Thread stderrPump = pump(process.getErrorStream(), err);
    try {
      int exitCode = process.waitFor();
      stdoutPump.join();
      stderrPump.join();
      out.flush();
      err.flush();
      return new Result(exitCode, stdoutCopy.toString(StandardCharsets.UTF_8));
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for " + command.get(0), e);
    }
  }

  private static Thread pump(InputStream from, OutputStream to) {
    Thread thread =
        new Thread(
            () -> {
              byte[] buffer = new byte[8192];
              try (from) {
                int read;
                while ((read = from.read(buffer)) >= 0) {
                  synchronized (to) {
                    to.write(buffer, 0, read);
                  }
                }
              } catch (IOException e) {
                // the child closed its end; nothing more to copy
              }
            },
            "child-output");
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  /** Writes to two streams, so that a child's stdout reaches the user and can be parsed. */
  private static final class TeeStream extends OutputStream {
    private final OutputStream first;
    private final OutputStream second;

    TeeStream(OutputStream first, OutputStream second) {
      this.first = first;
      this.second = second;
    }

    @Override
    public void write(int b) throws IOException {
      first.write(b);
      second.write(b);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
      first.write(bytes, offset, length);
      second.write(bytes, offset, length);
    }

    @Override
    public void flush() throws IOException {
      first.flush();
      second.flush();
    }
  }
}
