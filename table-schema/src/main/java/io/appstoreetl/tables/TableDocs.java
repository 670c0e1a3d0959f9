package io.appstoreetl.tables;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Renders table definitions as Markdown, for {@code docs/tables.md}.
 *
 * <p>Each table becomes a section: its description, partitioning, key, the metrics that must not be
 * summed, and one line per column with its type, the report header it is read from and its
 * description. A test keeps the document in step with the definitions.
 */
public final class TableDocs {

  private TableDocs() {}

  /** Returns the Markdown section of one table, ending with the line feed of its last row. */
  public static String section(TableDefinition table) {
    StringBuilder out = new StringBuilder();
    out.append("### `").append(table.name()).append("`\n\n");
    out.append(table.doc()).append("\n\n");
    out.append("- Partitioned by: ")
        .append(
            table.partitionFields().stream()
                .map(TableDocs::partition)
                .collect(Collectors.joining(", ")))
        .append('\n');
    out.append("- Key: ").append(codeList(table.keyColumns())).append('\n');
    out.append("- Not summable: ")
        .append(
            table.nonSummableColumns().isEmpty() ? "none" : codeList(table.nonSummableColumns()))
        .append("\n\n");

    out.append("| column | type | read from | description |\n");
    out.append("|---|---|---|---|\n");
    for (Column column : table.columns()) {
      out.append("| `")
          .append(column.name())
          .append("` | `")
          .append(column.type().sql())
          .append('`')
          .append(column.nullable() ? "" : ", not null")
          .append(" | ")
          .append(source(column))
          .append(" | ")
          .append(escape(column.doc()))
          .append(" |\n");
    }

    return out.toString();
  }

  private static String source(Column column) {
    if (column.appleHeader() == null) {
      return "derived";
    }
    List<String> headers = new ArrayList<>();
    for (String header : column.allHeaders()) {
      headers.add("`" + escape(header) + "`");
    }

    return String.join(" or ", headers) + (column.requiredInFile() ? " (required)" : "");
  }

  private static String partition(PartitionField field) {
    return field.transform() == PartitionField.Transform.DAY
        ? "day(`" + field.sourceColumn() + "`)"
        : "`" + field.sourceColumn() + "`";
  }

  private static String codeList(List<String> names) {
    return names.stream().map(name -> "`" + name + "`").collect(Collectors.joining(", "));
  }

  private static String escape(String text) {
    return text.replace("|", "\\|");
  }
}
