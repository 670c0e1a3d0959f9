package io.appstoreetl.curation.rows;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.appstoreetl.curation.parse.LineResult;
import io.appstoreetl.curation.parse.RawFileException;
import io.appstoreetl.curation.parse.RawText;
import io.appstoreetl.curation.parse.RejectedLine;
import io.appstoreetl.curation.parse.ReportReader;
import io.appstoreetl.curation.parse.SourceRecord;
import io.appstoreetl.curation.raw.ReportKind;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.Collectors;

/**
 * Turns one raw file into table rows, rejects and a closing {@link FileSummary}.
 *
 * <p>Analytics, subscription and financial files are read line by line as the returned iterator
 * advances; a sales file is read whole because in-app purchase rows may need the file's app rows,
 * and a review or Apple Ads report page is read whole because it is one JSON document. The MD5 of
 * the stored bytes is computed on the way and compared with the manifest's.
 *
 * <p>A file that cannot be read to its end, is not text, lacks a required column or has another MD5
 * than its manifest is rejected whole: its summary names the failure. Rows it yielded before the
 * failure was found are already out, so callers drop every row of a file whose summary failed.
 */
public final class FileParser {

  private FileParser() {}

  /** Returns the outcomes of the file {@code in}, which the iterator closes once exhausted. */
  public static Iterator<ParseOutcome> parse(FileTask task, InputStream in) {
    DigestInputStream digest = new DigestInputStream(in, md5());
    FileStats stats = new FileStats(task);
    if (task.report() == ReportKind.CUSTOMER_REVIEWS
        || task.report() == ReportKind.APPLE_ADS_SEARCH_TERMS) {
      return parseJsonPage(task, digest, stats).iterator();
    }

    ReportReader reader;
    try {
      reader =
          ReportReader.open(
              task.sourceFile(),
              digest,
              task.report().table(),
              task.report().format(),
              task.report().metricDateColumn());
    } catch (RawFileException e) {
      return List.of(ParseOutcome.summary(stats.toSummary(null, e.reason()))).iterator();
    } catch (IOException | UncheckedIOException e) {
      return List.of(ParseOutcome.summary(stats.toSummary(null, readFailure(e)))).iterator();
    }
    stats.unknownColumns(reader.extraHeaders());

    if (task.report() == ReportKind.SALES_SUMMARY) {
      return parseWhole(task, reader, digest, stats).iterator();
    }

    return new LineIterator(task, reader, digest, stats);
  }

  /** Returns the single summary of a file that could not be opened. */
  public static Iterator<ParseOutcome> unreadable(FileTask task, String reason) {
    return List.of(ParseOutcome.summary(new FileStats(task).toSummary(null, reason))).iterator();
  }

  private static List<ParseOutcome> parseJsonPage(
      FileTask task, DigestInputStream digest, FileStats stats) {
    List<ParseOutcome> outcomes = new ArrayList<>();
    String failure = null;
    String md5 = null;
    try (BufferedReader reader = RawText.open(task.sourceFile(), digest)) {
      String json = reader.lines().collect(Collectors.joining("\n"));
      List<ParseOutcome> parsed =
          task.report() == ReportKind.CUSTOMER_REVIEWS
              ? ReviewPages.parse(task, json, stats)
              : SearchTermPages.parse(task, json, stats);
      for (ParseOutcome outcome : parsed) {
        stats.count(outcome);
        outcomes.add(outcome);
      }
      md5 = finish(digest);
    } catch (RawFileException e) {
      failure = e.reason();
    } catch (JsonProcessingException e) {
      failure = "invalid JSON: " + e.getOriginalMessage();
    } catch (IllegalArgumentException e) {
      failure = e.getMessage();
    } catch (IOException | UncheckedIOException e) {
      failure = readFailure(e);
    }
    outcomes.add(ParseOutcome.summary(stats.toSummary(md5, checkMd5(task, md5, failure))));

    return outcomes;
  }

  private static List<ParseOutcome> parseWhole(
      FileTask task, ReportReader reader, DigestInputStream digest, FileStats stats) {
    List<LineResult> lines = new ArrayList<>();
    String failure = null;
    String md5 = null;
    try (reader) {
      while (reader.hasNext()) {
        lines.add(reader.next());
      }
      md5 = finish(digest);
    } catch (IOException | UncheckedIOException e) {
      failure = readFailure(e);
    }

    List<ParseOutcome> outcomes = new ArrayList<>();
    if (failure == null) {
      for (ParseOutcome outcome : SalesRows.assemble(task, lines)) {
        stats.count(outcome);
        outcomes.add(outcome);
      }
      long rejected = lines.stream().filter(RejectedLine.class::isInstance).count();
      stats.footerCheck(
          FooterCheck.check(reader.footers(), reader.dataLines(), rejected, null, null));
    }
    outcomes.add(ParseOutcome.summary(stats.toSummary(md5, checkMd5(task, md5, failure))));

    return outcomes;
  }

  /** Reads the rest of the raw bytes into the digest and returns the MD5 as hex. */
  private static String finish(DigestInputStream digest) throws IOException {
    digest.transferTo(OutputStream.nullOutputStream());

    return HexFormat.of().formatHex(digest.getMessageDigest().digest());
  }

  private static String checkMd5(FileTask task, String md5, String failure) {
    if (failure != null || md5 == null || task.expectedMd5() == null) {
      return failure;
    }
    if (!md5.equalsIgnoreCase(task.expectedMd5())) {
      return "MD5 " + md5 + " does not match the manifest's " + task.expectedMd5();
    }

    return null;
  }

  private static String readFailure(Exception e) {
    Throwable cause = e instanceof UncheckedIOException ? e.getCause() : e;
    String message =
        cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    if (cause instanceof CharacterCodingException) {
      return "not UTF-8 text: " + cause.getClass().getSimpleName();
    }

    return "cannot read: " + message;
  }

  private static MessageDigest md5() {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("[BUG] MD5 is missing from this JDK", e);
    }
  }

  /** Maps lines lazily, skipping those of dates the unit does not win, and ends with a summary. */
  private static final class LineIterator implements Iterator<ParseOutcome> {
    private final FileTask task;
    private final ReportReader reader;
    private final DigestInputStream digest;
    private final FileStats stats;
    private final FinanceRows finance;
    private long rejectedLines;
    private ParseOutcome next;
    private boolean done;

    LineIterator(FileTask task, ReportReader reader, DigestInputStream digest, FileStats stats) {
      this.task = task;
      this.reader = reader;
      this.digest = digest;
      this.stats = stats;
      this.finance =
          task.report().source() == ReportKind.Source.FINANCE ? new FinanceRows(task, stats) : null;
    }

    @Override
    public boolean hasNext() {
      while (next == null && !done) {
        try {
          if (reader.hasNext()) {
            next = map(reader.next());
          } else {
            next = ParseOutcome.summary(finish(null));
          }
        } catch (UncheckedIOException e) {
          next = ParseOutcome.summary(finish(readFailure(e)));
        }
        if (next != null && !next.isSummary()) {
          stats.count(next);
        }
      }

      return next != null;
    }

    @Override
    public ParseOutcome next() {
      if (!hasNext()) {
        throw new NoSuchElementException("No more rows in " + task.sourceFile());
      }
      ParseOutcome outcome = next;
      next = null;

      return outcome;
    }

    private ParseOutcome map(LineResult line) {
      if (line instanceof SourceRecord record) {
        switch (task.report().source()) {
          case ANALYTICS:
            return AnalyticsRows.assemble(task, record, stats);
          case FINANCE:
            return finance.assemble(record);
          default:
            return SubscriptionRows.assemble(task, record, stats);
        }
      }
      rejectedLines++;
      RejectedLine reject = (RejectedLine) line;
      if (reject.metricDate() != null && !task.wonDates().contains(reject.metricDate())) {
        return null;
      }

      return ParseOutcome.rejected(task.report().table().name(), reject);
    }

    /** Closes the file and returns its summary; {@code failure} is null for a file read whole. */
    private FileSummary finish(String failure) {
      done = true;
      String md5 = null;
      try (reader) {
        if (failure == null) {
          md5 = FileParser.finish(digest);
          stats.footerCheck(
              FooterCheck.check(
                  reader.footers(),
                  reader.dataLines(),
                  rejectedLines,
                  finance == null ? null : finance.amount(),
                  finance == null ? null : finance.positiveUnits()));
        }
      } catch (IOException e) {
        failure = failure == null ? readFailure(e) : failure;
      }

      return stats.toSummary(md5, checkMd5(task, md5, failure));
    }
  }
}
