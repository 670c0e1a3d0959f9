package io.appstoreetl.extractor.analytics;

import java.time.LocalDate;
import java.util.SortedSet;

/** A unit whose manifest this run wrote: its folder key, metric dates and data rows. */
public record LandedUnit(String unitKey, SortedSet<LocalDate> metricDates, long rowCount) {}
