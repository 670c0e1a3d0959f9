package io.appstoreetl.emr;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A Spark application as {@code spark-submit} runs it: the main class, the Spark conf, the jar and
 * the application's arguments.
 *
 * <p>EMR Serverless receives it as {@code jobDriver.sparkSubmit}: {@link #sparkSubmitParameters}
 * carries {@code --class} and the {@code --conf} pairs, and the entry point and its arguments
 * travel as separate fields. {@link #sparkSubmitArguments} lists the same values in the order
 * {@code org.apache.spark.deploy.SparkSubmit} takes them, so a local run can use exactly what EMR
 * received.
 *
 * @param mainClass the application's main class
 * @param conf Spark conf in submit order; here only the catalog settings of {@link CatalogSettings}
 * @param entryPoint the jar: an {@code s3://} URI on EMR, a local path for a local run
 * @param entryPointArguments the application's arguments
 */
public record SparkJob(
    String mainClass,
    Map<String, String> conf,
    String entryPoint,
    List<String> entryPointArguments) {

  /** The maximum length of {@code sparkSubmitParameters} that StartJobRun accepts. */
  public static final int MAX_SPARK_SUBMIT_PARAMETERS_CHARS = 102_400;

  public SparkJob {
    Objects.requireNonNull(mainClass, "mainClass == null");
    Objects.requireNonNull(entryPoint, "entryPoint == null");
    conf = Collections.unmodifiableMap(new LinkedHashMap<>(conf));
    entryPointArguments = List.copyOf(entryPointArguments);
    if (!isSubmitToken(mainClass)) {
      throw new IllegalArgumentException("Invalid main class: " + mainClass);
    }
    conf.forEach(
        (key, value) -> {
          if (!isSubmitToken(key) || key.contains("=") || !isSubmitToken(value)) {
            String printedValue = CatalogSettings.isSecret(key) ? CatalogSettings.REDACTED : value;
            throw new IllegalArgumentException(
                "Invalid Spark conf: "
                    + key
                    + "="
                    + printedValue
                    + " (expected a key without '=' and a value, both without whitespace or"
                    + " quotes)");
          }
        });
    int length = sparkSubmitParameters(mainClass, conf).length();
    if (length > MAX_SPARK_SUBMIT_PARAMETERS_CHARS) {
      throw new IllegalArgumentException(
          "Invalid Spark conf: sparkSubmitParameters would have "
              + length
              + " characters (expected at most "
              + MAX_SPARK_SUBMIT_PARAMETERS_CHARS
              + ")");
    }
  }

  /** Returns {@code --class <mainClass> --conf k=v ...}, the StartJobRun sparkSubmitParameters. */
  public String sparkSubmitParameters() {
    return sparkSubmitParameters(mainClass, conf);
  }

  /**
   * Returns the arguments of {@code spark-submit} (or {@code SparkSubmit.main}) for this job:
   * {@code --class}, each {@code --conf}, the entry point, then the entry point's arguments. A
   * caller adds {@code --master} in front for a local run.
   *
   * <p>The list contains every conf value, so print it through {@link CatalogSettings#redacted}
   * only, when the conf contains a secret.
   */
  public List<String> sparkSubmitArguments() {
    List<String> arguments = new ArrayList<>();
    arguments.add("--class");
    arguments.add(mainClass);
    conf.forEach(
        (key, value) -> {
          arguments.add("--conf");
          arguments.add(key + "=" + value);
        });
    arguments.add(entryPoint);
    arguments.addAll(entryPointArguments);

    return List.copyOf(arguments);
  }

  /** Returns this job with {@code conf} in place of its conf, such as another catalog's. */
  public SparkJob withConf(Map<String, String> conf) {
    return new SparkJob(mainClass, conf, entryPoint, entryPointArguments);
  }

  /** Returns this job with another jar, such as the local build of the same jar. */
  public SparkJob withEntryPoint(String entryPoint) {
    return new SparkJob(mainClass, conf, entryPoint, entryPointArguments);
  }

  /**
   * Returns this job with the value after {@code option} replaced, such as {@code --raw-root}.
   *
   * @throws IllegalArgumentException if the arguments do not contain {@code option} with a value
   */
  public SparkJob withArgument(String option, String value) {
    List<String> arguments = new ArrayList<>(entryPointArguments);
    int index = arguments.indexOf(option);
    if (index < 0 || index + 1 >= arguments.size()) {
      throw new IllegalArgumentException(
          "Cannot replace " + option + ": the job's arguments " + arguments + " do not contain it");
    }
    arguments.set(index + 1, value);

    return new SparkJob(mainClass, conf, entryPoint, arguments);
  }

  /**
   * Returns whether {@code text} survives EMR Serverless splitting {@code sparkSubmitParameters} at
   * whitespace: non-empty, with no whitespace and no quotes.
   */
  static boolean isSubmitToken(String text) {
    if (text == null || text.isEmpty()) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c) || c == '"' || c == '\'' || c == '\\') {
        return false;
      }
    }

    return true;
  }

  private static String sparkSubmitParameters(String mainClass, Map<String, String> conf) {
    StringBuilder parameters = new StringBuilder("--class ").append(mainClass);
    conf.forEach(
        (key, value) -> parameters.append(" --conf ").append(key).append('=').append(value));

    return parameters.toString();
  }
}
