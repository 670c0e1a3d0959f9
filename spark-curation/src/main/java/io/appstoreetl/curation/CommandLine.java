package io.appstoreetl.curation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code --name value} and {@code --name=value} options of a job's arguments.
 *
 * <p>The Spark jobs take a handful of options and run inside spark-submit, so they parse their
 * arguments here rather than shading a CLI library into the job jar.
 */
final class CommandLine {
  private final Map<String, String> values;

  private CommandLine(Map<String, String> values) {
    this.values = values;
  }

  /**
   * Parses {@code args}.
   *
   * @param valueOptions the options that take a value, with their leading {@code --}
   * @param flags the options without a value
   * @throws IllegalArgumentException on an unknown or repeated option, or a missing value
   */
  static CommandLine parse(String[] args, List<String> valueOptions, Set<String> flags) {
    Map<String, String> values = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      String name = arg;
      String value = null;
      int equals = arg.indexOf('=');
      if (arg.startsWith("--") && equals > 0) {
        name = arg.substring(0, equals);
        value = arg.substring(equals + 1);
      }

      if (flags.contains(name) && value == null) {
        value = "true";
      } else if (valueOptions.contains(name)) {
        if (value == null) {
          if (i + 1 >= args.length) {
            throw new IllegalArgumentException("Missing value for option " + name);
          }
          value = args[++i];
        }
      } else {
        throw new IllegalArgumentException(
            "Unknown option: "
                + arg
                + " (expected one of "
                + String.join(", ", valueOptions)
                + ")");
      }

      if (values.put(name, value) != null) {
        throw new IllegalArgumentException("Duplicate option: " + name);
      }
    }

    return new CommandLine(values);
  }

  boolean has(String option) {
    return values.containsKey(option);
  }

  /** Returns the option's value, or null when it was not given. */
  String value(String option) {
    return values.get(option);
  }

  String value(String option, String defaultValue) {
    return values.getOrDefault(option, defaultValue);
  }

  /**
   * Returns the option's value.
   *
   * @throws IllegalArgumentException if the option was not given
   */
  String required(String option) {
    String value = values.get(option);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("Missing required option " + option);
    }

    return value;
  }
}
