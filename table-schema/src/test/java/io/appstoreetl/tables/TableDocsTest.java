package io.appstoreetl.tables;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class TableDocsTest {

  /** The tables page of the repository, seen from this module's folder. */
  private static final Path TABLES_PAGE = Path.of("..", "docs", "tables.md");

  @Test
  void sectionListsEveryColumn() {
    String section = TableDocs.section(Tables.FINANCE);

    assertThat(section)
        .startsWith("### `finance`\n\n")
        .contains("- Partitioned by: day(`metric_date`)\n")
        .contains("- Not summable: `partner_share`, `customer_price`\n")
        .contains(
            "| `sales_or_return` | `string` | `Sales or Return` or `Sale or Return` | S for a sale,"
                + " R for a return. |\n")
        .contains("| `quantity` | `bigint` | `Quantity` (required) | ")
        .contains("| `metric_date` | `date`, not null | derived | ");
    for (Column column : Tables.FINANCE.columns()) {
      assertThat(section).contains("| `" + column.name() + "` |");
    }
  }

  @Test
  void tablesPageMatchesDefinitions() throws IOException {
    String page = Files.readString(TABLES_PAGE, StandardCharsets.UTF_8);

    for (TableDefinition table : Tables.all()) {
      assertThat(page)
          .as("docs/tables.md section of %s (regenerate it with TableDocs.section)", table.name())
          .contains(TableDocs.section(table));
    }
  }
}
