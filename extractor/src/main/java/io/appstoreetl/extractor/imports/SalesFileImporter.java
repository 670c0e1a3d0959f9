package io.appstoreetl.extractor.imports;

import io.appstoreetl.extractor.http.Failures;
import io.appstoreetl.extractor.raw.AttemptIds;
import io.appstoreetl.extractor.raw.Checksums;
import io.appstoreetl.extractor.raw.DelimitedTextReader;
import io.appstoreetl.extractor.raw.InvalidKeyValueException;
import io.appstoreetl.extractor.raw.Manifest;
import io.appstoreetl.extractor.raw.ManifestFile;
import io.appstoreetl.extractor.raw.MetricDateScanner.DateForm;
import io.appstoreetl.extractor.raw.RawKeys;
import io.appstoreetl.extractor.raw.RawZone;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lands Sales and Trends summary files that a user downloaded as import units ({@code
 * vendor=import}, origin {@code import}). Each file is stored byte for byte, whether it is plain
 * text or gzip (detected by the magic bytes, never by the name). A rejected file does not stop the
 * others.
 *
 * <p>The report date is the earliest {@code Begin Date} of the file's rows, and the granularity
 * follows from the rows' periods: one day, seven days, or a calendar month. Lines starting with
 * {@code Total_} are footers, not rows.
 */
public final class SalesFileImporter {
  private static final Logger LOG = LoggerFactory.getLogger(SalesFileImporter.class);
  private static final Pattern EXTENSION_PART = Pattern.compile("[A-Za-z0-9]{1,10}");
  private static final String SLUG = "sales_summary";
  private static final String REPORT_NAME = "SALES SUMMARY";
  private static final String BEGIN_DATE = "Begin Date";
  private static final String END_DATE = "End Date";
  // Some downloaded sales files end in Total_Rows / Total_Units lines, which curation skips too.
  private static final String FOOTER_PREFIX = "Total_";

  /** One import: its run id and one result per file, in the order given. */
  public record ImportRun(String runId, List<ImportResult> results) {
    public boolean anyRejected() {
      return results.stream().anyMatch(result -> !result.landed());
    }
  }

  /** Layout, granularity, begin dates and row count of a file's rows. */
  private record Contents(
      SalesFileLayout layout, String granularity, SortedSet<LocalDate> beginDates, long rowCount) {}

  /** Checksums, size and gzip flag of a file's bytes, read before copying. */
  private record Fingerprint(String sha256, String md5, long sizeBytes, boolean gzip) {}

  private final RawZone rawZone;
  private final AttemptIds attemptIds;
  private final Clock clock;
  private final String extractorVersion;

  public SalesFileImporter(
      RawZone rawZone, AttemptIds attemptIds, Clock clock, String extractorVersion) {
    this.rawZone = rawZone;
    this.attemptIds = attemptIds;
    this.clock = clock;
    this.extractorVersion = extractorVersion;
  }

  /** Imports {@code files} under one new run id. */
  public ImportRun importFiles(List<Path> files) {
    String runId = attemptIds.next();
    List<ImportResult> results = new ArrayList<>();
    for (Path file : files) {
      results.add(importFile(file, runId));
    }

    return new ImportRun(runId, results);
  }

  /** Imports one file; returns its landed unit or the reason it was rejected. */
  public ImportResult importFile(Path file, String runId) {
    String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
    String context = "Cannot import sales file " + name;
    SalesFileLayout layout = null;
    try {
      Fingerprint fingerprint = fingerprint(file);
      Contents contents = readContents(file, name);
      layout = contents.layout();

      String reportDate = contents.beginDates().first().toString();
      String unitKey =
          RawKeys.salesUnit(
              SLUG, contents.granularity(), reportDate, RawKeys.IMPORT_VENDOR, attemptIds.next());
      String fileName =
          fingerprint.sha256().substring(0, 16) + "." + extension(name, fingerprint.gzip());
      Checksums.Copied copied;
      try (InputStream in = Files.newInputStream(file);
          OutputStream out = rawZone.createNew(unitKey + fileName)) {
        copied = Checksums.copy(in, out);
      }
      if (!copied.md5().equals(fingerprint.md5())
          || copied.sizeBytes() != fingerprint.sizeBytes()) {
        throw new IOException("the file changed while it was being imported");
      }

      Manifest manifest =
          new Manifest()
              .source("sales")
              .report(SLUG, REPORT_NAME)
              .granularity(contents.granularity())
              .origin(Manifest.ORIGIN_IMPORT)
              .reportDate(reportDate)
              .status(Manifest.STATUS_COMPLETE)
              .metricDates(contents.beginDates())
              .file(
                  new ManifestFile(
                      fileName, null, copied.sizeBytes(), copied.md5(), contents.rowCount()))
              .run(runId, extractorVersion)
              .originalFileName(name);
      rawZone.publishUnit(
          unitKey, contents.beginDates(), manifest.toJson(rawZone.mapper(), clock.instant()));
      LOG.info(
          "Imported {} ({} layout, {} rows, metric dates {}) as {}",
          name,
          layout.label(),
          contents.rowCount(),
          contents.beginDates(),
          unitKey);

      return new ImportResult(
          file,
          unitKey,
          contents.granularity(),
          contents.beginDates(),
          contents.rowCount(),
          layout.label(),
          null);
    } catch (IOException | InvalidKeyValueException e) {
      return rejected(file, layout, context + ": " + Failures.describe(e));
    }
  }

  private static ImportResult rejected(Path file, SalesFileLayout layout, String reason) {
    LOG.error("{}", reason);

    return new ImportResult(
        file, null, null, new TreeSet<>(), 0, layout == null ? null : layout.label(), reason);
  }

  private static Fingerprint fingerprint(Path file) throws IOException {
    MessageDigest sha256 = Checksums.newDigest("SHA-256");
    MessageDigest md5 = Checksums.newDigest("MD5");
    byte[] buffer = new byte[64 * 1024];
    long size = 0;
    byte[] magic = new byte[2];
    try (InputStream in = Files.newInputStream(file)) {
      for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
        if (size < 2) {
          for (int i = 0; i < read && size + i < 2; i++) {
            magic[(int) size + i] = buffer[i];
          }
        }
        sha256.update(buffer, 0, read);
        md5.update(buffer, 0, read);
        size += read;
      }
    }
    boolean gzip = size >= 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b;

    return new Fingerprint(
        HexFormat.of().formatHex(sha256.digest()),
        HexFormat.of().formatHex(md5.digest()),
        size,
        gzip);
  }

  private static Contents readContents(Path file, String name) throws IOException {
    try (InputStream in = Files.newInputStream(file);
        DelimitedTextReader reader = DelimitedTextReader.open(in, name, '\t', false)) {
      List<String> missing = SalesFileLayout.missingRequiredColumns(reader.header());
      if (missing.size() == 1) {
        throw new RejectedFileException("missing required column \"" + missing.get(0) + "\"");
      }
      if (!missing.isEmpty()) {
        throw new RejectedFileException(
            "missing required columns \"" + String.join("\", \"", missing) + "\"");
      }

      SalesFileLayout layout = SalesFileLayout.recognise(reader.header());
      List<String> unknown = SalesFileLayout.unknownColumns(reader.header());
      if (!unknown.isEmpty()) {
        LOG.warn(
            "Sales file {} has columns outside Apple's 28-column layout, kept as they are: {}",
            name,
            shortList(unknown));
      }

      int beginIndex = reader.columnIndex(BEGIN_DATE);
      int endIndex = reader.columnIndex(END_DATE);
      SortedSet<LocalDate> beginDates = new TreeSet<>();
      String granularity = null;
      long rows = 0;
      for (List<String> row = reader.nextRow(); row != null; row = reader.nextRow()) {
        if (row.get(0).startsWith(FOOTER_PREFIX)) {
          continue;
        }
        LocalDate begin =
            DateForm.US.parse(DelimitedTextReader.cell(row, beginIndex), BEGIN_DATE, reader);
        LocalDate end =
            DateForm.US.parse(DelimitedTextReader.cell(row, endIndex), END_DATE, reader);
        String rowGranularity = granularity(begin, end);
        if (rowGranularity == null) {
          throw new RejectedFileException(
              String.format(
                  Locale.ROOT,
                  "line %d covers %s to %s, which is not one day, one week or one calendar month",
                  reader.lineNumber(),
                  begin,
                  end));
        }
        if (granularity != null && !granularity.equals(rowGranularity)) {
          throw new RejectedFileException(
              "rows mix "
                  + granularity
                  + " and "
                  + rowGranularity
                  + " periods (line "
                  + reader.lineNumber()
                  + ")");
        }

        granularity = rowGranularity;
        beginDates.add(begin);
        rows++;
      }
      if (rows == 0) {
        throw new RejectedFileException("no data rows");
      }

      return new Contents(layout, granularity, beginDates, rows);
    }
  }

  /** Returns DAILY, WEEKLY or MONTHLY for a row's period, or {@code null} for any other span. */
  private static String granularity(LocalDate begin, LocalDate end) {
    long days = ChronoUnit.DAYS.between(begin, end);
    if (days == 0) {
      return "DAILY";
    }
    if (days == 6) {
      return "WEEKLY";
    }
    if (begin.getDayOfMonth() == 1 && end.equals(begin.withDayOfMonth(begin.lengthOfMonth()))) {
      return "MONTHLY";
    }

    return null;
  }

  /**
   * Returns the file name's extension ({@code txt}, or {@code txt.gz} for a compressed file), or
   * {@code gz} / {@code txt} by content when the name has none of a safe form.
   */
  static String extension(String fileName, boolean gzip) {
    String[] parts = fileName.split("\\.", -1);
    String fallback = gzip ? "gz" : "txt";
    if (parts.length < 2) {
      return fallback;
    }

    String last = parts[parts.length - 1];
    if (!EXTENSION_PART.matcher(last).matches()) {
      return fallback;
    }
    String beforeLast = parts.length >= 3 ? parts[parts.length - 2] : "";
    if (last.equalsIgnoreCase("gz") && EXTENSION_PART.matcher(beforeLast).matches()) {
      return beforeLast + "." + last;
    }

    return last;
  }

  /** A file whose contents break a rule of the import; its message is the reason alone. */
  private static final class RejectedFileException extends IOException {
    RejectedFileException(String reason) {
      super(reason);
    }
  }

  /** Column names logged in one line at most; a file with 10,000 columns would flood the log. */
  static final int MAX_LOGGED_COLUMNS = 20;

  /** Returns the names as {@code [a, b, c]}, or the first ones and how many more there are. */
  static String shortList(List<String> names) {
    if (names.size() <= MAX_LOGGED_COLUMNS) {
      return names.toString();
    }
    return names.subList(0, MAX_LOGGED_COLUMNS)
        + " and "
        + (names.size() - MAX_LOGGED_COLUMNS)
        + " more";
  }
}
