package io.appstoreetl.curation.parse;

/**
 * A raw file rejected whole, for example because a required column is missing.
 *
 * <p>The message reads {@code Cannot read raw file <key>: <reason>}.
 */
public final class RawFileException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String sourceFile;
  private final String reason;

  public RawFileException(String sourceFile, String reason) {
    super("Cannot read raw file " + sourceFile + ": " + reason);
    this.sourceFile = sourceFile;
    this.reason = reason;
  }

  public String sourceFile() {
    return sourceFile;
  }

  public String reason() {
    return reason;
  }
}
