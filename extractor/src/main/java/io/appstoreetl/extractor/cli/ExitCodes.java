package io.appstoreetl.extractor.cli;

/** Exit codes of the extractor's commands. */
public final class ExitCodes {
  /** Everything landed or had landed before. */
  public static final int OK = 0;

  /** An app, the sales step or an imported file failed; the rest still ran. */
  public static final int FAILED = 1;

  /** Invalid options or configuration; nothing ran. */
  public static final int USAGE = 2;

  private ExitCodes() {}
}
