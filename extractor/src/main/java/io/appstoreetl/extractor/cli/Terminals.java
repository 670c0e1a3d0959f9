package io.appstoreetl.extractor.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/** Finds out whether the process's standard error is a terminal. */
final class Terminals {
  private static final Path STDERR_LINK = Path.of("/proc/self/fd/2");

  private Terminals() {}

  /**
   * Returns whether standard error is a terminal: on Linux from the device {@code /proc/self/fd/2}
   * points at; elsewhere Java offers no test for standard error alone, so a console on standard
   * input and output is used instead.
   */
  static boolean isStderrTerminal() {
    if (Files.exists(STDERR_LINK, LinkOption.NOFOLLOW_LINKS)) {
      try {
        String target = Files.readSymbolicLink(STDERR_LINK).toString();
        return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
      } catch (IOException | UnsupportedOperationException e) {
        return false;
      }
    }

    return System.console() != null;
  }
}
