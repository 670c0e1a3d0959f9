package io.appstoreetl.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DotEnvTest {
  @TempDir Path folder;

  @Test
  void readsEveryLineForm() throws IOException {
    Path file =
        Files.write(
            folder.resolve(".env"),
            List.of(
                "# a comment",
                "",
                "PLAIN=value",
                "export EXPORTED=yes",
                "  SPACED = padded  ",
                "DOUBLE=\"a # b\" trailing",
                "SINGLE='it''s'",
                "INLINE=kept #dropped",
                "HASH=a#b",
                "EMPTY="));

    assertThat(DotEnv.read(file))
        .containsOnly(
            entry("PLAIN", "value"),
            entry("EXPORTED", "yes"),
            entry("SPACED", "padded"),
            entry("DOUBLE", "a # b"),
            entry("SINGLE", "it"),
            entry("INLINE", "kept"),
            entry("HASH", "a#b"),
            entry("EMPTY", ""));
  }

  @Test
  void missingFileHasNoSettings() {
    assertThat(DotEnv.read(folder.resolve("absent.env"))).isEmpty();
  }

  @Test
  void invalidLineNamesItsNumberNotItsText() throws IOException {
    Path file = Files.write(folder.resolve(".env"), List.of("OK=1", "secret-token-value"));

    assertThatThrownBy(() -> DotEnv.read(file))
        .isInstanceOf(DotEnv.DotEnvException.class)
        .hasMessage("Invalid line 2 in " + file + " (expected KEY=VALUE or a # comment)")
        .hasMessageNotContaining("secret-token-value");
  }

  @Test
  void unreadableFileIsAnError() {
    assertThatThrownBy(() -> DotEnv.read(folder))
        .isInstanceOf(DotEnv.DotEnvException.class)
        .hasMessageStartingWith("Cannot read " + folder + ": ");
  }
}
