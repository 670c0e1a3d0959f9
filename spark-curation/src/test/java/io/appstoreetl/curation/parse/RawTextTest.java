package io.appstoreetl.curation.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.appstoreetl.curation.testing.Gzip;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class RawTextTest {

  @Test
  void readsPlainText() throws Exception {
    assertThat(lines("a\tb\n1\t2\n".getBytes(StandardCharsets.UTF_8)))
        .containsExactly("a\tb", "1\t2");
  }

  @Test
  void dropsByteOrderMark() throws Exception {
    byte[] bytes = "\uFEFFDate\tCounts\n".getBytes(StandardCharsets.UTF_8);

    assertThat(lines(bytes)).containsExactly("Date\tCounts");
  }

  @Test
  void acceptsCrlfLineEnds() throws Exception {
    byte[] bytes = "Date\tCounts\r\n2025-01-07\t5\r\n".getBytes(StandardCharsets.UTF_8);

    assertThat(lines(bytes)).containsExactly("Date\tCounts", "2025-01-07\t5");
  }

  @Test
  void gunzipsByMagicBytes() throws Exception {
    assertThat(lines(Gzip.gzip("\uFEFFDate\tCounts\r\n2025-01-07\t5\r\n")))
        .containsExactly("Date\tCounts", "2025-01-07\t5");
  }

  @Test
  void readsEveryGzipMember() throws Exception {
    byte[] bytes = Gzip.gzipMembers("Date\tCounts\n", "2025-01-07\t5\n", "2025-01-08\t6\n");

    assertThat(lines(bytes)).containsExactly("Date\tCounts", "2025-01-07\t5", "2025-01-08\t6");
  }

  @Test
  void readsGzipMembersWithoutAvailableBytes() throws Exception {
    // Network streams often report available() == 0; GZIPInputStream alone stops after member 1.
    byte[] bytes = Gzip.gzipMembers("Date\tCounts\n", "2025-01-07\t5\n", "2025-01-08\t6\n");
    InputStream unavailable =
        new FilterInputStream(new ByteArrayInputStream(bytes)) {
          @Override
          public int available() {
            return 0;
          }

          @Override
          public int read(byte[] buffer, int offset, int length) throws IOException {
            // One byte at a time, so member boundaries fall at the end of a read.
            return super.read(buffer, offset, Math.min(length, 1));
          }
        };

    try (BufferedReader reader = RawText.open("f.gz", unavailable)) {
      assertThat(reader.lines().toList())
          .containsExactly("Date\tCounts", "2025-01-07\t5", "2025-01-08\t6");
    }
  }

  @Test
  void rejectsZipArchive() {
    byte[] zip = {0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00};

    assertThatThrownBy(() -> lines(zip))
        .isInstanceOf(RawFileException.class)
        .hasMessage(
            "Cannot read raw file f.gz: neither gzip nor UTF-8 text (starts with bytes 50 4b 03 04"
                + " 14 00 00 00, contains a NUL byte)");
  }

  @Test
  void rejectsLatin1Text() {
    byte[] latin1 =
        "Date\tTerritory\n2025-01-07\tC\u00f4te\n".getBytes(StandardCharsets.ISO_8859_1);

    assertThatThrownBy(() -> lines(latin1))
        .isInstanceOf(RawFileException.class)
        .hasMessageContaining("neither gzip nor UTF-8 text")
        .hasMessageEndingWith(", invalid UTF-8)");
  }

  @Test
  void rejectsGzipOfBinary() {
    byte[] bytes = Gzip.gzip(new byte[] {0, 1, 2, 3});

    assertThatThrownBy(() -> lines(bytes))
        .isInstanceOf(RawFileException.class)
        .hasMessage(
            "Cannot read raw file f.gz: gzip content is not UTF-8 text (starts with bytes 00 01 02"
                + " 03, contains a NUL byte)");
  }

  @Test
  void rejectsTruncatedGzipHeader() {
    byte[] bytes = {0x1f, (byte) 0x8b, 0x08};

    assertThatThrownBy(() -> lines(bytes))
        .isInstanceOf(RawFileException.class)
        .hasMessageStartingWith("Cannot read raw file f.gz: invalid gzip data: ");
  }

  @Test
  void lateInvalidUtf8FailsRead() throws Exception {
    // Past the 64 KiB the reader decodes ahead, so the first lines read before the bad byte.
    byte[] start = ("Date\tCounts\n" + "x".repeat(100_000) + "\n").getBytes(StandardCharsets.UTF_8);
    byte[] bytes = java.util.Arrays.copyOf(start, start.length + 2);
    bytes[start.length] = (byte) 0xff;
    bytes[start.length + 1] = '\n';

    try (BufferedReader reader = RawText.open("f.txt", new ByteArrayInputStream(bytes))) {
      assertThat(reader.readLine()).isEqualTo("Date\tCounts");
      assertThatThrownBy(() -> reader.lines().toList())
          .hasRootCauseInstanceOf(java.nio.charset.MalformedInputException.class);
    }
  }

  @Test
  void emptyInputHasNoLines() throws Exception {
    assertThat(lines(new byte[0])).isEmpty();
  }

  private static List<String> lines(byte[] bytes) throws IOException, RawFileException {
    try (BufferedReader reader = RawText.open("f.gz", new ByteArrayInputStream(bytes))) {
      return reader.lines().toList();
    }
  }
}
