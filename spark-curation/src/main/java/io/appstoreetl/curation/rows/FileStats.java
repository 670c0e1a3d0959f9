package io.appstoreetl.curation.rows;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Collects a {@link FileSummary} while one file is parsed. Not thread-safe. */
final class FileStats {
  private final FileTask task;
  private final Map<LocalDate, Long> rowsByDate = new HashMap<>();
  private final Map<LocalDate, Long> rejectsByDate = new HashMap<>();
  private final TreeSet<String> unmappedTerritories = new TreeSet<>();
  private final List<String> unknownColumns = new ArrayList<>();

  /** Codes of the territory values seen so far; a file repeats a few dozen values many times. */
  private final Map<String, String> codesByTerritory = new HashMap<>();

  private String footerCheck;
  private LineageColumns lineage;

  FileStats(FileTask task) {
    this.task = task;
  }

  /** Returns the lineage columns of the file's rows, built on the first call. */
  LineageColumns lineage() {
    if (lineage == null) {
      lineage = new LineageColumns(task);
    }
    return lineage;
  }

  /** Counts an outcome on its way out of the parser. */
  void count(ParseOutcome outcome) {
    if (outcome.isRow()) {
      rowsByDate.merge(outcome.metricDate(), 1L, Long::sum);
    } else if (outcome.isRejected()) {
      rejectsByDate.merge(outcome.metricDate(), 1L, Long::sum);
    }
  }

  /**
   * Returns the alpha-2 code of {@code territory} and records a value without one; null for a null
   * territory.
   */
  String territoryCode(String territory) {
    if (territory == null) {
      return null;
    }
    if (codesByTerritory.containsKey(territory)) {
      return codesByTerritory.get(territory);
    }

    String code = Territories.alpha2(territory);
    if (code == null && !territory.isBlank()) {
      unmappedTerritories.add(territory.trim());
    }
    codesByTerritory.put(territory, code);

    return code;
  }

  void unknownColumns(List<String> names) {
    unknownColumns.addAll(names);
  }

  void footerCheck(String result) {
    this.footerCheck = result;
  }

  FileSummary toSummary(String md5, String failure) {
    return new FileSummary(
        task.report().table().name(),
        task.unit().unitKey(),
        task.sourceFile(),
        md5,
        failure,
        new HashMap<>(rowsByDate),
        new HashMap<>(rejectsByDate),
        List.copyOf(unknownColumns),
        List.copyOf(unmappedTerritories),
        footerCheck);
  }
}
