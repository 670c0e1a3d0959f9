package io.appstoreetl.curation.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.appstoreetl.curation.testing.Gzip;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class RawTextTest {

  @Test
  void readsPlainText() throws IOException {
    assertThat(lines("a\tb\n1\t2\n".getBytes(StandardCharsets.UTF_8)))
        .containsExactly("a\tb", "1\t2");
  }

  @Test
  void dropsByteOrderMark() throws IOException {
    byte[] bytes = "\uFEFFDate\tCounts\n".getBytes(StandardCharsets.UTF_8);

    assertThat(lines(bytes)).containsExactly("Date\tCounts");
  }

  @Test
  void acceptsCrlfLineEnds() throws IOException {
    byte[] bytes = "Date\tCounts\r\n2025-01-07\t5\r\n".getBytes(StandardCharsets.UTF_8);

    assertThat(lines(bytes)).containsExactly("Date\tCounts", "2025-01-07\t5");
  }

  @Test
  void gunzipsByMagicBytes() throws IOException {
    assertThat(lines(Gzip.gzip("\uFEFFDate\tCounts\r\n2025-01-07\t5\r\n")))
        .containsExactly("Date\tCounts", "2025-01-07\t5");
  }

  @Test
  void readsEveryGzipMember() throws IOException {
    byte[] bytes = Gzip.gzipMembers("Date\tCounts\n", "2025-01-07\t5\n", "2025-01-08\t6\n");

    assertThat(lines(bytes)).containsExactly("Date\tCounts", "2025-01-07\t5", "2025-01-08\t6");
  }

  @Test
  void emptyInputHasNoLines() throws IOException {
    assertThat(lines(new byte[0])).isEmpty();
  }

  private static List<String> lines(byte[] bytes) throws IOException {
    try (BufferedReader reader = RawText.open(new ByteArrayInputStream(bytes))) {
      return reader.lines().toList();
    }
  }
}
