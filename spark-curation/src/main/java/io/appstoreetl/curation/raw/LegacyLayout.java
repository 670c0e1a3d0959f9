package io.appstoreetl.curation.raw;

import io.appstoreetl.curation.parse.Delimiter;
import io.appstoreetl.curation.parse.RawFileException;
import io.appstoreetl.curation.parse.RawText;
import io.appstoreetl.curation.raw.ReportKind.Source;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the old pipeline's raw layout: Apple's analytics report files, plain or gzip, under {@code
 * appstore/raw/<report>/dt=<YYYY-MM-DD>/app_id=<app id>/}.
 *
 * <p>Each {@code dt=/app_id=} folder is one unit: the instance of that report, app and processing
 * date {@code dt}, its files the instance's segments. Such a unit has no manifest and no index
 * entry, so its metric dates are read from the files' {@code Date} column, and it competes with
 * units of the raw zone as an analytics unit of origin {@code import} landed at the epoch: for a
 * tie on processing date, a unit fetched from the API wins. The report folder names the report by
 * its raw-zone slug or by Apple's report name ({@code App Downloads Standard}).
 */
public final class LegacyLayout {
  private static final Logger LOG = LoggerFactory.getLogger(LegacyLayout.class);
  private static final String LAYOUT_PREFIX = "appstore/raw/";
  private static final Pattern DT_FOLDER = Pattern.compile("dt=(\\d{4}-\\d{2}-\\d{2})");
  private static final Pattern APP_FOLDER = Pattern.compile("app_id=([0-9]{1,20})");
  private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

  /**
   * Days after a metric date within which the latest instance holding it is looked for. NOTE:
   * Apple's completeness windows end after at most 8 days (App Crashes Expanded), but a rare later
   * correction is missed.
   */
  static final int LOOKAHEAD_DAYS = 8;

  /** One legacy unit folder, with the metric dates of its files once they have been scanned. */
  private record Folder(
      ReportKind kind,
      String unitKey,
      LocalDate processingDate,
      long appId,
      List<String> files,
      List<LocalDate> metricDates,
      String failedFile,
      String failure)
      implements Serializable {}

  /** A legacy file that could not be read, with the table it was meant for. */
  public record Unreadable(String table, String sourceFile, String reason) {}

  /** The legacy units found, and the files that could not be read. */
  public record Found(List<UnitManifest> units, List<Unreadable> unreadableFiles) {}

  private LegacyLayout() {}

  /**
   * Returns the raw zone of the legacy folder {@code rootArgument}: the folder that contains {@code
   * appstore/raw/}, or that folder itself.
   */
  public static RawZone zone(String rootArgument, Configuration hadoopConf) throws IOException {
    RawZone named = RawZone.at(rootArgument, hadoopConf);
    if (!named.listFolders(LAYOUT_PREFIX).isEmpty()) {
      return RawZone.at(named.root() + "/" + LAYOUT_PREFIX, hadoopConf);
    }

    return named;
  }

  /**
   * Returns the legacy units that may hold {@code dates}: those of a curated analytics report whose
   * {@code dt} lies from the first date to {@value #LOOKAHEAD_DAYS} days after the last, with the
   * metric dates read from their files.
   */
  public static Found find(JavaSparkContext jsc, RawZone legacy, Collection<LocalDate> dates)
      throws IOException {
    SortedSet<LocalDate> sorted = new TreeSet<>(dates);
    LocalDate first = sorted.first();
    LocalDate last = sorted.last().plusDays(LOOKAHEAD_DAYS);
    List<Folder> folders = new ArrayList<>();
    for (String reportFolder : legacy.listFolders("")) {
      Optional<ReportKind> kind = kindOf(reportFolder);
      if (kind.isEmpty()) {
        LOG.warn("Skipping legacy folder {}: not a report this job curates", reportFolder);
        continue;
      }
      for (String dtFolder : legacy.listFolders(reportFolder + "/")) {
        Matcher dt = DT_FOLDER.matcher(dtFolder);
        if (!dt.matches()) {
          continue;
        }
        LocalDate processingDate = LocalDate.parse(dt.group(1));
        if (processingDate.isBefore(first) || processingDate.isAfter(last)) {
          continue;
        }
        String dtKey = reportFolder + "/" + dtFolder + "/";
        for (String appFolder : legacy.listFolders(dtKey)) {
          Matcher app = APP_FOLDER.matcher(appFolder);
          List<String> files = legacy.listFiles(dtKey + appFolder + "/");
          if (app.matches() && !files.isEmpty()) {
            String unitKey = legacy.root() + "/" + dtKey + appFolder + "/";
            folders.add(
                new Folder(
                    kind.get(),
                    unitKey,
                    processingDate,
                    Long.parseLong(app.group(1)),
                    files,
                    List.of(),
                    null,
                    null));
          }
        }
      }
    }
    if (folders.isEmpty()) {
      return new Found(List.of(), List.of());
    }

    int slices = Math.max(1, Math.min(folders.size(), jsc.defaultParallelism() * 4));
    List<Folder> scanned =
        jsc.parallelize(folders, slices).map(folder -> scan(legacy, folder)).collect();
    List<UnitManifest> units = new ArrayList<>();
    List<Unreadable> unreadable = new ArrayList<>();
    for (Folder folder : scanned) {
      if (folder.failure() != null) {
        unreadable.add(
            new Unreadable(folder.kind().table().name(), folder.failedFile(), folder.failure()));
        continue;
      }
      units.add(manifest(folder));
    }
    LOG.info("Found {} legacy units from {} to {}", units.size(), first, last);

    return new Found(units, unreadable);
  }

  /**
   * Returns the report of a legacy folder name: a raw-zone slug, or Apple's report name written in
   * any case with spaces, hyphens or underscores.
   */
  static Optional<ReportKind> kindOf(String folderName) {
    String slug = folderName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
    if (slug.equals("app_store_downloads_standard")
        || slug.equals("app_store_downloads_detailed")) {
      slug = slug.replace("app_store_downloads", "app_downloads");
    }
    Optional<ReportKind> kind = ReportKind.fromSlug(slug);

    return kind.filter(k -> k.source() == Source.ANALYTICS);
  }

  private static UnitManifest manifest(Folder folder) {
    String instanceId = "legacy-" + RawZone.unitHash(folder.unitKey());
    return new UnitManifest(
        folder.unitKey(),
        Source.ANALYTICS,
        folder.kind().slug(),
        "DAILY",
        folder.appId(),
        null,
        "import",
        instanceId,
        folder.processingDate(),
        null,
        null,
        null,
        null,
        null,
        UnitManifest.Status.COMPLETE,
        folder.files().stream()
            .map(name -> new UnitManifest.ManifestFile(name, null, null))
            .toList(),
        Instant.EPOCH,
        folder.metricDates(),
        null);
  }

  /** Reads the distinct {@code Date} values of a folder's files. */
  private static Folder scan(RawZone legacy, Folder folder) {
    SortedSet<LocalDate> dates = new TreeSet<>();
    for (String file : folder.files()) {
      String key = folder.unitKey() + file;
      try (BufferedReader reader = RawText.open(key, legacy.open(key))) {
        String header = reader.readLine();
        if (header == null) {
          continue;
        }
        Delimiter delimiter = Delimiter.sniff(header);
        int dateField = -1;
        List<String> headers = delimiter.split(header);
        for (int i = 0; i < headers.size(); i++) {
          if (headers.get(i).trim().equalsIgnoreCase("Date")) {
            dateField = i;
          }
        }
        if (dateField < 0) {
          return failed(folder, key, "missing required column \"Date\"");
        }
        String line;
        while ((line = reader.readLine()) != null) {
          List<String> fields = delimiter.split(line);
          if (dateField < fields.size()
              && ISO_DATE.matcher(fields.get(dateField).trim()).matches()) {
            addDate(dates, fields.get(dateField).trim());
          }
        }
      } catch (RawFileException e) {
        return failed(folder, key, e.reason());
      } catch (IOException | UncheckedIOException e) {
        return failed(folder, key, "cannot read: " + e.getMessage());
      }
    }

    return new Folder(
        folder.kind(),
        folder.unitKey(),
        folder.processingDate(),
        folder.appId(),
        folder.files(),
        new ArrayList<>(dates),
        null,
        null);
  }

  private static void addDate(SortedSet<LocalDate> dates, String text) {
    try {
      dates.add(LocalDate.parse(text));
    } catch (DateTimeParseException e) {
      // An impossible date such as 2025-02-30: the parse step rejects the row itself.
    }
  }

  private static Folder failed(Folder folder, String file, String reason) {
    return new Folder(
        folder.kind(),
        folder.unitKey(),
        folder.processingDate(),
        folder.appId(),
        folder.files(),
        List.of(),
        file,
        reason);
  }
}
