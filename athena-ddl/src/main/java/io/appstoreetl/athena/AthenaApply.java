package io.appstoreetl.athena;

import io.appstoreetl.tables.TableDefinition;
import io.appstoreetl.tables.Tables;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Creates the database, the tables and the views in Athena, one statement after another: {@code
 * CREATE DATABASE IF NOT EXISTS}, {@code CREATE TABLE IF NOT EXISTS} for every table, then {@code
 * CREATE OR REPLACE VIEW} for every view.
 *
 * <p>An existing table is left as it is, because the Spark job creates and evolves the tables
 * through the Glue catalog. Running it again gives the same result. It stops at the first statement
 * that fails, so the statements after it are not run.
 */
public final class AthenaApply {

  /** One statement to run, with a name for progress messages such as {@code table downloads}. */
  public record Statement(String name, String sql) {}

  private final AthenaQueryRunner runner;
  private final PrintWriter progress;

  /**
   * @param progress receives one line per statement, before and after it runs
   */
  public AthenaApply(AthenaQueryRunner runner, PrintWriter progress) {
    this.runner = Objects.requireNonNull(runner, "runner == null");
    this.progress = Objects.requireNonNull(progress, "progress == null");
  }

  /** Returns the statements in the order they run, with the placeholders unreplaced. */
  public static List<Statement> statements() {
    List<Statement> statements = new ArrayList<>();
    statements.add(new Statement("database", AthenaDdl.createDatabase()));
    for (TableDefinition table : Tables.all()) {
      statements.add(new Statement("table " + table.name(), AthenaDdl.createTable(table)));
    }
    for (String view : AthenaViews.NAMES) {
      statements.add(new Statement("view " + view, AthenaViews.sql(view)));
    }

    return statements;
  }

  /** Returns the statements with the database and warehouse of {@code settings} filled in. */
  public static List<Statement> rendered(AthenaSettings settings) {
    List<Statement> rendered = new ArrayList<>();
    for (Statement statement : statements()) {
      rendered.add(
          new Statement(
              statement.name(),
              AthenaDdl.render(statement.sql(), settings.database(), settings.warehouse())));
    }

    return rendered;
  }

  /**
   * Runs every statement and returns how many ran.
   *
   * @throws AthenaQueryException for the first statement that Athena did not run to SUCCEEDED
   */
  public int apply(List<Statement> statements) throws InterruptedException {
    for (Statement statement : statements) {
      progress.printf("Running %s%n", statement.name());
      String id = runner.run(statement.sql());
      progress.printf("Succeeded %s (query %s)%n", statement.name(), id);
    }

    return statements.size();
  }
}
