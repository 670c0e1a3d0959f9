package io.appstoreetl.athena;

import io.appstoreetl.tables.TableDefinition;
import io.appstoreetl.tables.Tables;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * The DDL files kept in {@code athena-ddl/sql}: one for the database and one per table, generated
 * from the table definitions.
 *
 * <p>Run {@code main} with the folder to write them, for example {@code java -cp
 * athena-ddl/target/classes:table-schema/target/classes io.appstoreetl.athena.AthenaDdlFiles
 * athena-ddl/sql}. A test fails when the committed files differ from what this class generates.
 */
public final class AthenaDdlFiles {

  private AthenaDdlFiles() {}

  /** Returns the file contents keyed by their path relative to the {@code sql} folder. */
  public static Map<String, String> generate() {
    Map<String, String> files = new TreeMap<>();
    files.put("database.sql", AthenaDdl.createDatabase());
    for (TableDefinition table : Tables.all()) {
      files.put("tables/" + table.name() + ".sql", AthenaDdl.createTable(table));
    }
    return files;
  }

  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("Usage: AthenaDdlFiles <output folder, e.g. athena-ddl/sql>");
      System.exit(2);
    }
    Path folder = Path.of(args[0]);
    for (Map.Entry<String, String> file : generate().entrySet()) {
      Path target = folder.resolve(file.getKey());
      Files.createDirectories(target.getParent());
      Files.writeString(target, file.getValue());
    }
    System.out.println("Wrote " + generate().size() + " files to " + folder);
  }
}
