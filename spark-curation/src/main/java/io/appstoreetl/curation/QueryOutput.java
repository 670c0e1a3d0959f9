package io.appstoreetl.curation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import scala.collection.JavaConverters;

/**
 * Writes query results as a text table, TSV or JSON lines.
 *
 * <p>Dates and timestamps print as ISO-8601 strings, decimals as plain strings (JSON numbers would
 * lose digits in many readers), maps and structs as JSON objects and arrays as JSON arrays. Nulls
 * are {@code NULL} in a table, empty in TSV and {@code null} in JSON.
 */
final class QueryOutput {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private QueryOutput() {}

  static void write(
      StructType schema, Iterator<Row> rows, QueryArguments.Format format, PrintWriter out) {
    switch (format) {
      case TABLE:
        writeTable(schema, rows, out);
        break;
      case TSV:
        writeTsv(schema, rows, out);
        break;
      case JSONL:
        writeJsonLines(schema, rows, out);
        break;
      default:
        throw new IllegalStateException("[BUG] Unhandled format " + format);
    }
    out.flush();
  }

  private static void writeTable(StructType schema, Iterator<Row> rows, PrintWriter out) {
    TextTable table = new TextTable(List.of(schema.fieldNames()));
    while (rows.hasNext()) {
      Row row = rows.next();
      List<String> cells = new ArrayList<>();
      for (int i = 0; i < row.length(); i++) {
        cells.add(text(row.get(i)));
      }
      table.addRow(cells);
    }
    out.print(table.render());
  }

  private static void writeTsv(StructType schema, Iterator<Row> rows, PrintWriter out) {
    out.print(String.join("\t", schema.fieldNames()) + "\n");
    while (rows.hasNext()) {
      Row row = rows.next();
      List<String> cells = new ArrayList<>();
      for (int i = 0; i < row.length(); i++) {
        String text = text(row.get(i));
        cells.add(text == null ? "" : escapeTsv(text));
      }
      out.print(String.join("\t", cells) + "\n");
    }
  }

  private static void writeJsonLines(StructType schema, Iterator<Row> rows, PrintWriter out) {
    while (rows.hasNext()) {
      Row row = rows.next();
      try {
        out.print(JSON.writeValueAsString(json(row, schema)) + "\n");
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("[BUG] Cannot write a row as JSON", e);
      }
    }
  }

  /** Returns the text form of a value, or null for null. */
  static String text(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof BigDecimal decimal) {
      return decimal.toPlainString();
    }
    if (value instanceof Row
        || value instanceof scala.collection.Map<?, ?>
        || value instanceof scala.collection.Seq<?>
        || value instanceof byte[]) {
      return json(value, null).toString();
    }

    return value.toString();
  }

  /** Returns a value as JSON; {@code schema} names the fields of a struct and may be null. */
  static JsonNode json(Object value, StructType schema) {
    if (value == null) {
      return NODES.nullNode();
    }
    if (value instanceof String text) {
      return NODES.textNode(text);
    }
    if (value instanceof Boolean bool) {
      return NODES.booleanNode(bool);
    }
    if (value instanceof Long
        || value instanceof Integer
        || value instanceof Short
        || value instanceof Byte) {
      return NODES.numberNode(((Number) value).longValue());
    }
    if (value instanceof Double || value instanceof Float) {
      double number = ((Number) value).doubleValue();
      // JSON has no NaN or infinity.
      return Double.isFinite(number)
          ? NODES.numberNode(number)
          : NODES.textNode(Double.toString(number));
    }
    if (value instanceof BigDecimal decimal) {
      return NODES.textNode(decimal.toPlainString());
    }
    if (value instanceof byte[] bytes) {
      return NODES.textNode(Base64.getEncoder().encodeToString(bytes));
    }
    if (value instanceof Row row) {
      StructType rowSchema = schema != null ? schema : row.schema();
      ObjectNode object = NODES.objectNode();
      for (int i = 0; i < row.length(); i++) {
        String name = rowSchema != null ? rowSchema.fields()[i].name() : "_" + (i + 1);
        StructField field = rowSchema != null ? rowSchema.fields()[i] : null;
        StructType nested =
            field != null && field.dataType() instanceof StructType struct ? struct : null;
        object.set(name, json(row.get(i), nested));
      }
      return object;
    }
    if (value instanceof scala.collection.Map<?, ?> map) {
      ObjectNode object = NODES.objectNode();
      for (Map.Entry<?, ?> entry : JavaConverters.mapAsJavaMapConverter(map).asJava().entrySet()) {
        object.set(String.valueOf(entry.getKey()), json(entry.getValue(), null));
      }
      return object;
    }
    if (value instanceof scala.collection.Seq<?> seq) {
      ArrayNode array = NODES.arrayNode();
      for (Object element : JavaConverters.seqAsJavaListConverter(seq).asJava()) {
        array.add(json(element, null));
      }
      return array;
    }

    // LocalDate, LocalDateTime and Instant print as ISO-8601.
    return NODES.textNode(value.toString());
  }

  private static String escapeTsv(String text) {
    return text.replace("\\", "\\\\")
        .replace("\t", "\\t")
        .replace("\n", "\\n")
        .replace("\r", "\\r");
  }
}
