package io.appstoreetl.curation;

import static org.assertj.core.api.Assertions.assertThat;

import io.appstoreetl.curation.load.IcebergTables;
import io.appstoreetl.curation.testing.AthenaSql;
import io.appstoreetl.curation.testing.Lake;
import io.appstoreetl.tables.TableDefinition;
import io.appstoreetl.tables.Tables;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.iceberg.PartitionField;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compares the Iceberg tables that the Spark job creates with the committed Athena DDL in {@code
 * athena-ddl/sql/tables}: the same columns in the same order, the same types as Athena names them,
 * and the same partition fields.
 */
class AthenaDdlColumnsTest {

  private static final Pattern PARTITIONED_BY = Pattern.compile("^PARTITIONED BY \\((.*)\\)$");

  @TempDir Path folder;

  @Test
  void sparkTablesMatchAthenaDdl() {
    Lake lake = new Lake(folder);
    IcebergTables tables = AthenaSql.tables(lake);

    for (TableDefinition definition : Tables.all()) {
      tables.createOrEvolve(definition);
      Table table = tables.icebergTable(definition);
      String ddl = AthenaSql.read("tables/" + definition.name() + ".sql");

      assertThat(sparkColumns(table.schema()))
          .as(
              "columns and Athena types of table %s against tables/%s.sql",
              definition.name(), definition.name())
          .containsExactlyElementsOf(AthenaSql.ddlColumns(ddl));
      assertThat(sparkPartitions(table))
          .as("partition fields of table %s", definition.name())
          .isEqualTo(ddlPartitions(ddl));
    }
  }

  private static List<String> sparkColumns(Schema schema) {
    List<String> columns = new ArrayList<>();
    for (Types.NestedField field : schema.columns()) {
      columns.add(field.name() + " " + athenaType(field.type()));
    }

    return columns;
  }

  /** Returns the Athena name of an Iceberg type, as the generated DDL writes it. */
  private static String athenaType(Type type) {
    switch (type.typeId()) {
      case LONG:
        return "bigint";
      case INTEGER:
        return "int";
      case DOUBLE:
        return "double";
      case STRING:
        return "string";
      case BOOLEAN:
        return "boolean";
      case DATE:
        return "date";
      case TIMESTAMP:
        // Athena's DDL can only declare a timestamp without time zone.
        return ((Types.TimestampType) type).shouldAdjustToUTC()
            ? "timestamp-with-time-zone"
            : "timestamp";
      case DECIMAL:
        Types.DecimalType decimal = (Types.DecimalType) type;
        return "decimal(" + decimal.precision() + "," + decimal.scale() + ")";
      case MAP:
        Types.MapType map = (Types.MapType) type;
        return "map<" + athenaType(map.keyType()) + "," + athenaType(map.valueType()) + ">";
      case LIST:
        return "array<" + athenaType(((Types.ListType) type).elementType()) + ">";
      default:
        return "unsupported-in-athena:" + type;
    }
  }

  private static String sparkPartitions(Table table) {
    List<String> fields = new ArrayList<>();
    for (PartitionField field : table.spec().fields()) {
      String source = "`" + table.schema().findColumnName(field.sourceId()) + "`";
      String transform = field.transform().toString();
      fields.add(transform.equals("identity") ? source : transform + "(" + source + ")");
    }

    return String.join(", ", fields);
  }

  private static String ddlPartitions(String ddl) {
    for (String line : ddl.split("\n")) {
      Matcher partitions = PARTITIONED_BY.matcher(line);
      if (partitions.matches()) {
        return partitions.group(1);
      }
    }

    return "";
  }
}
