package io.appstoreetl.extractor.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.appstoreetl.extractor.ConfigException;
import io.appstoreetl.extractor.ExtractorConfig;
import io.appstoreetl.extractor.ExtractorVersion;
import io.appstoreetl.extractor.imports.ImportResult;
import io.appstoreetl.extractor.imports.SalesFileImporter;
import io.appstoreetl.extractor.raw.AttemptIds;
import io.appstoreetl.extractor.raw.RawLocation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code import}: lands Sales and Trends files a user downloaded, one import unit per file. */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description = {
      "Lands downloaded Sales and Trends summary files (plain or gzip, any name) as import units.",
      "Prints one line per file: landed<TAB>file<TAB>unit<TAB>metric dates, or"
          + " rejected<TAB>file<TAB>reason. Exits 1 when any file was rejected."
    })
final class ImportCommand implements Callable<Integer> {
  @Option(
      names = "--raw-root",
      paramLabel = "DIR",
      description =
          "Raw zone folder or s3://bucket/prefix (default: RAW_ROOT, else"
              + " s3://S3_BUCKET/S3_PREFIX/raw when S3_BUCKET is set, else ./lake/raw).")
  private String rawRoot;

  @Option(
      names = "--summary-file",
      paramLabel = "FILE",
      description = "Also write the import's results as JSON here.")
  private Path summaryFile;

  @Parameters(
      arity = "1..*",
      paramLabel = "FILE",
      description = "Sales and Trends files to import.")
  private List<Path> files = new ArrayList<>();

  private final CliContext context;

  ImportCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws IOException {
    RawLocation root;
    try {
      root =
          ExtractorConfig.rawLocation(
              ExtractorConfig.settings(context.environment(), context.workingDirectory()),
              context.workingDirectory(),
              rawRoot);
    } catch (ConfigException e) {
      context.err().println(e.getMessage());
      return ExitCodes.USAGE;
    }

    ObjectMapper mapper = new ObjectMapper();
    SalesFileImporter importer =
        new SalesFileImporter(
            root.open(mapper),
            new AttemptIds(context.clock()),
            context.clock(),
            ExtractorVersion.get());
    List<Path> resolved = files.stream().map(context.workingDirectory()::resolve).toList();
    SalesFileImporter.ImportRun run = importer.importFiles(resolved);

    for (ImportResult result : run.results()) {
      context.out().println(line(result));
    }
    if (summaryFile != null) {
      writeSummary(mapper, run, context.workingDirectory().resolve(summaryFile));
    }

    return run.anyRejected() ? ExitCodes.FAILED : ExitCodes.OK;
  }

  private static String line(ImportResult result) {
    if (!result.landed()) {
      return "rejected\t" + result.file() + "\t" + result.error();
    }

    String dates =
        result.metricDates().stream().map(LocalDate::toString).collect(Collectors.joining(","));

    return "landed\t" + result.file() + "\t" + result.unitKey() + "\t" + dates;
  }

  private static void writeSummary(
      ObjectMapper mapper, SalesFileImporter.ImportRun run, Path target) throws IOException {
    ObjectNode json = mapper.createObjectNode();
    json.put("run_id", run.runId());
    ArrayNode results = json.putArray("files");
    for (ImportResult result : run.results()) {
      ObjectNode entry = results.addObject();
      entry.put("file", result.file().toString());
      entry.put("status", result.landed() ? "landed" : "rejected");
      entry.put("unit", result.unitKey());
      entry.put("granularity", result.granularity());
      entry.put("layout", result.layout());
      entry.put("row_count", result.rowCount());
      ArrayNode dates = entry.putArray("metric_dates");
      result.metricDates().forEach(date -> dates.add(date.toString()));
      entry.put("error", result.error());
    }
    if (target.getParent() != null) {
      Files.createDirectories(target.getParent());
    }
    Files.write(target, mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(json));
  }
}
