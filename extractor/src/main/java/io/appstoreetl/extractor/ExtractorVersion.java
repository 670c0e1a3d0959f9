package io.appstoreetl.extractor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The extractor's Maven version, written into every manifest as {@code extractor_version}. */
public final class ExtractorVersion {
  private static final String RESOURCE = "extractor-version.properties";
  private static final String VERSION = load();

  private ExtractorVersion() {}

  public static String get() {
    return VERSION;
  }

  private static String load() {
    try (InputStream in = ExtractorVersion.class.getResourceAsStream(RESOURCE)) {
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
