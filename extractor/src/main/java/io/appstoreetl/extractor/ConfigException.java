package io.appstoreetl.extractor;

/** The extractor's configuration is missing a value or has an invalid one. */
public class ConfigException extends Exception {
  public ConfigException(String message) {
    super(message);
  }
}
