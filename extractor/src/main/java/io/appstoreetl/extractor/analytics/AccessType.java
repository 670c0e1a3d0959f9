package io.appstoreetl.extractor.analytics;

/** The access type of an analytics report request, as Apple names it. */
public enum AccessType {
  /** Produces new instances every day. */
  ONGOING,
  /** One collection of the available history; Apple allows one such request a month. */
  ONE_TIME_SNAPSHOT
}
