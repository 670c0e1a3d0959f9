package io.appstoreetl.curation.raw;

import java.time.LocalDate;
import java.util.SortedSet;

/** A unit whose rows count for {@code wonDates}, the metric dates it wins. */
public record SelectedUnit(UnitManifest manifest, SortedSet<LocalDate> wonDates) {}
