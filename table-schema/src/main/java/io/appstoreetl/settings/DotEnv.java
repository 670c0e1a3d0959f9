package io.appstoreetl.settings;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reader of the {@code .env} settings files that every command takes below its environment. It
 * lives in this dependency-free module because the extractor, the {@code emr} and {@code athena}
 * commands and the launcher all read the same format:
 *
 * <ul>
 *   <li>{@code KEY=VALUE} lines, with an optional {@code export } prefix;
 *   <li>blank lines and lines starting with {@code #} are skipped;
 *   <li>a value in single or double quotes is taken up to its closing quote; an unquoted value ends
 *       at a {@code #} that follows a space.
 * </ul>
 */
public final class DotEnv {

  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  /** An unreadable file or an invalid line. The message never contains a value. */
  public static final class DotEnvException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    DotEnvException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private DotEnv() {}

  /**
   * Returns the settings in {@code file}; a missing file contains none. Empty values are kept, so
   * callers decide whether {@code KEY=} unsets a setting.
   *
   * @throws DotEnvException when the file cannot be read or a line is not a setting or a comment
   */
  public static Map<String, String> read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return Map.of();
    } catch (IOException e) {
      throw new DotEnvException("Cannot read " + file + ": " + e.getMessage(), e);
    }

    Map<String, String> settings = new HashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (line.startsWith("export ")) {
        line = line.substring("export ".length()).strip();
      }

      int equals = line.indexOf('=');
      String name = equals < 0 ? "" : line.substring(0, equals).strip();
      if (!NAME.matcher(name).matches()) {
        // The line may contain a secret, so only its number is named.
        throw new DotEnvException(
            "Invalid line " + (i + 1) + " in " + file + " (expected KEY=VALUE or a # comment)",
            null);
      }
      settings.put(name, value(line.substring(equals + 1).strip()));
    }

    return settings;
  }

  /** Unquotes a value; an unquoted value ends at a {@code #} that follows a space. */
  private static String value(String raw) {
    if (raw.length() >= 2
        && (raw.charAt(0) == '"' || raw.charAt(0) == '\'')
        && raw.indexOf(raw.charAt(0), 1) > 0) {
      return raw.substring(1, raw.indexOf(raw.charAt(0), 1));
    }

    int comment = raw.indexOf(" #");
    return comment >= 0 ? raw.substring(0, comment).strip() : raw;
  }
}
