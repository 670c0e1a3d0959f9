package io.appstoreetl.emr;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The Spark job jar's file name, {@code spark-curation-<version>-job.jar}, where the version is
 * this module's Maven version (every module of the project shares one version).
 */
public final class JobJar {

  private static final String RESOURCE = "emr-version.properties";
  private static final String VERSION = loadVersion();

  /** Build folder of the job jar, relative to the project checkout. */
  public static final String BUILD_DIRECTORY = "spark-curation/target";

  private JobJar() {}

  /** Returns the project version that this module was built with. */
  public static String version() {
    return VERSION;
  }

  /** Returns the job jar's file name for this build, such as {@code spark-curation-1.0-job.jar}. */
  public static String fileName() {
    return "spark-curation-" + VERSION + "-job.jar";
  }

  private static String loadVersion() {
    try (InputStream in = JobJar.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("[BUG] " + RESOURCE + " is missing from the classpath");
      }

      Properties properties = new Properties();
      properties.load(in);

      return properties.getProperty("version");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + RESOURCE, e);
    }
  }
}
