package io.appstoreetl.athena;

/** A query that Athena did not run to SUCCEEDED, or that the runner stopped waiting for. */
public final class AthenaQueryException extends RuntimeException {
  private final String queryExecutionId;
  private final String state;

  public AthenaQueryException(String message, String queryExecutionId, String state) {
    super(message);
    this.queryExecutionId = queryExecutionId;
    this.state = state;
  }

  public String queryExecutionId() {
    return queryExecutionId;
  }

  /** Returns the last state Athena reported, such as FAILED, or RUNNING after a timeout. */
  public String state() {
    return state;
  }
}
