package io.appstoreetl.launcher;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs the launcher in the test JVM and captures what it printed. */
final class LauncherRun {

  record Result(int exitCode, String stdout, String stderr) {}

  private LauncherRun() {}

  static Result run(String... args) {
    return run(commandLine -> {}, args);
  }

  /** Runs the launcher after {@code configure} has set up its command objects. */
  static Result run(java.util.function.Consumer<picocli.CommandLine> configure, String... args) {
    ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    PrintStream out =
        new PrintStream(new TeeOutput(outBytes, System.out), true, StandardCharsets.UTF_8);
    PrintStream err =
        new PrintStream(new TeeOutput(errBytes, System.err), true, StandardCharsets.UTF_8);
    picocli.CommandLine commandLine = AppstoreEtl.commandLine(out, err);
    configure.accept(commandLine);
    int exitCode = commandLine.execute(args);
    out.flush();
    err.flush();
    return new Result(
        exitCode,
        outBytes.toString(StandardCharsets.UTF_8),
        errBytes.toString(StandardCharsets.UTF_8));
  }

  /** Keeps a copy of the output and still shows it in the build log. */
  private static final class TeeOutput extends java.io.OutputStream {
    private final java.io.OutputStream copy;
    private final java.io.OutputStream console;

    TeeOutput(java.io.OutputStream copy, java.io.OutputStream console) {
      this.copy = copy;
      this.console = console;
    }

    @Override
    public void write(int b) throws java.io.IOException {
      copy.write(b);
      console.write(b);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws java.io.IOException {
      copy.write(bytes, offset, length);
      console.write(bytes, offset, length);
    }
  }
}
