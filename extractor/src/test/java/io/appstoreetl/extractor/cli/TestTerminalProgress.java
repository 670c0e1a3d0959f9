package io.appstoreetl.extractor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TestTerminalProgress {
  @Test
  void lineShowsAppsBytesAndTimeLeft() {
    AtomicLong nanos = new AtomicLong();
    StringWriter err = new StringWriter();
    TerminalProgress progress =
        new TerminalProgress(new PrintWriter(err), () -> 3 * 1024 * 1024 / 2, nanos::get);

    progress.started(92);
    for (int i = 0; i < 23; i++) {
      progress.appFinished();
    }
    nanos.set(60_000_000_000L);
    String line = progress.line();
    progress.finished();

    assertThat(line).isEqualTo("Apps 23/92 | 1.5 MiB received | 1:00 elapsed | about 3:00 left   ");
    assertThat(err.toString()).startsWith("\rApps 23/92").endsWith(System.lineSeparator());
  }

  @Test
  void timeLeftIsUnknownBeforeTheFirstApp() {
    TerminalProgress progress =
        new TerminalProgress(new PrintWriter(new StringWriter()), () -> 0, () -> 0);

    progress.started(5);

    assertThat(progress.line()).contains("Apps 0/5").contains("about unknown left");
    progress.finished();
  }
}
