package io.appstoreetl.curation;

import java.util.ArrayList;
import java.util.List;

/**
 * A plain text table: a header line and one line per row, columns left-aligned and separated by two
 * spaces, with no trailing spaces.
 */
public final class TextTable {
  private static final String COLUMN_GAP = "  ";

  private final List<String> headers;
  private final List<List<String>> rows = new ArrayList<>();

  public TextTable(List<String> headers) {
    this.headers = List.copyOf(headers);
  }

  /**
   * Adds a row; null cells print as {@code NULL}.
   *
   * @throws IllegalArgumentException if the row does not have one cell per header
   */
  public TextTable addRow(List<?> cells) {
    if (cells.size() != headers.size()) {
      throw new IllegalArgumentException(
          "Invalid row: " + cells.size() + " cells (expected " + headers.size() + ")");
    }
    List<String> row = new ArrayList<>();
    for (Object cell : cells) {
      row.add(cell == null ? "NULL" : cell.toString());
    }
    rows.add(row);

    return this;
  }

  public boolean isEmpty() {
    return rows.isEmpty();
  }

  /** Returns the table's lines, each ending in a line feed. */
  public String render() {
    int[] widths = new int[headers.size()];
    for (int i = 0; i < headers.size(); i++) {
      widths[i] = headers.get(i).length();
      for (List<String> row : rows) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }

    StringBuilder out = new StringBuilder();
    appendLine(out, headers, widths);
    for (List<String> row : rows) {
      appendLine(out, row, widths);
    }

    return out.toString();
  }

  private static void appendLine(StringBuilder out, List<String> cells, int[] widths) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        line.append(COLUMN_GAP);
      }
      line.append(cells.get(i));
      if (i < cells.size() - 1) {
        line.append(" ".repeat(widths[i] - cells.get(i).length()));
      }
    }
    out.append(line.toString().stripTrailing()).append('\n');
  }
}
