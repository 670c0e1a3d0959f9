package io.appstoreetl.sandbox.analytics;

import io.appstoreetl.sandbox.data.AnalyticsData;
import io.appstoreetl.sandbox.data.AnalyticsReportKind;
import io.appstoreetl.sandbox.data.Granularity;
import io.appstoreetl.sandbox.data.GzipTsv;
import io.appstoreetl.sandbox.data.InstanceCalendar;
import io.appstoreetl.sandbox.data.SandboxApp;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Generates the segment files of instances and keeps the most recently used ones in memory, up to a
 * byte budget. Thread-safe.
 *
 * <p>A DAILY instance's rows are its metric dates oldest first, and a WEEKLY or MONTHLY instance's
 * rows are its period's. They are cut into segments of at most {@code maxRowsPerSegment} data rows,
 * each with its own header row. Every instance has at least one segment, holding only the header
 * when there are no rows. An instance's content depends on the app, report, granularity and
 * processing date only, so ONGOING and ONE_TIME_SNAPSHOT instances of the same date have the same
 * files.
 */
public final class SegmentStore {

  /** Gzip members per segment when segments are written as multi-member files. */
  static final int MEMBERS_PER_SEGMENT = 3;

  /** The instance that gets an extra streamed segment, and its generator. */
  public record HugeTarget(
      String appId, AnalyticsReportKind kind, LocalDate processingDate, HugeSegment segment) {}

  private final AnalyticsData data;
  private final InstanceCalendar calendar;
  private final int maxRowsPerSegment;
  private final long maxCachedBytes;
  private final HugeTarget huge;
  private final LinkedHashMap<String, List<SegmentFile>> cache =
      new LinkedHashMap<>(16, 0.75f, true /* access order, for LRU eviction */);
  private long cachedBytes;

  /**
   * Creates the store.
   *
   * @param huge the instance with a streamed segment, or null for none
   */
  public SegmentStore(
      AnalyticsData data,
      InstanceCalendar calendar,
      int maxRowsPerSegment,
      long maxCachedBytes,
      HugeTarget huge) {
    this.data = data;
    this.calendar = calendar;
    this.maxRowsPerSegment = maxRowsPerSegment;
    this.maxCachedBytes = maxCachedBytes;
    this.huge = huge;
  }

  /** Returns the plain single-member segments of the app's DAILY instance of that date. */
  public List<SegmentFile> segments(
      SandboxApp app, AnalyticsReportKind kind, LocalDate processingDate) {
    return segments(app, kind, Granularity.DAILY, processingDate, false);
  }

  /**
   * Returns the segments of the app's instance of the report with this granularity and processing
   * date.
   *
   * @param multiMember whether each segment is written as several gzip members
   */
  public List<SegmentFile> segments(
      SandboxApp app,
      AnalyticsReportKind kind,
      Granularity granularity,
      LocalDate processingDate,
      boolean multiMember) {
    List<SegmentFile> segments = cached(app, kind, granularity, processingDate, multiMember);
    if (huge != null
        && granularity == Granularity.DAILY
        && huge.appId().equals(app.id())
        && huge.kind() == kind
        && huge.processingDate().equals(processingDate)) {
      HugeSegment.Digest digest = huge.segment().digest();
      List<SegmentFile> withHuge = new ArrayList<>(segments);
      withHuge.add(
          new SegmentFile(
              segments.size(), null, digest.md5(), digest.sizeInBytes(), huge.segment()));
      return List.copyOf(withHuge);
    }
    return segments;
  }

  /** Returns the rows of a DAILY instance in file order, header excluded. */
  public List<String[]> instanceRows(
      SandboxApp app, AnalyticsReportKind kind, LocalDate processingDate) {
    List<String[]> rows = new ArrayList<>();
    for (LocalDate metricDate : calendar.metricDatesOf(processingDate)) {
      rows.addAll(data.rows(app, kind, metricDate, calendar.version(processingDate, metricDate)));
    }
    return rows;
  }

  /** Returns the rows of an instance of any granularity in file order, header excluded. */
  public List<String[]> instanceRows(
      SandboxApp app, AnalyticsReportKind kind, Granularity granularity, LocalDate processingDate) {
    if (granularity == Granularity.DAILY) {
      return instanceRows(app, kind, processingDate);
    }
    return data.periodRows(app, kind, granularity, granularity.periodStartOf(processingDate));
  }

  private List<SegmentFile> cached(
      SandboxApp app,
      AnalyticsReportKind kind,
      Granularity granularity,
      LocalDate processingDate,
      boolean multiMember) {
    String key =
        app.id() + "|" + kind + "|" + granularity + "|" + processingDate + "|" + multiMember;
    synchronized (this) {
      List<SegmentFile> segments = cache.get(key);
      if (segments != null) {
        return segments;
      }
    }
    // Generated outside the lock so that parallel clients do not wait for each other. Two calls
    // for the same instance may both generate it, with equal results.
    List<SegmentFile> segments = generate(app, kind, granularity, processingDate, multiMember);
    synchronized (this) {
      List<SegmentFile> previous = cache.put(key, segments);
      if (previous != null) {
        cachedBytes -= size(previous);
      }
      cachedBytes += size(segments);
      evict();
    }
    return segments;
  }

  private List<SegmentFile> generate(
      SandboxApp app,
      AnalyticsReportKind kind,
      Granularity granularity,
      LocalDate processingDate,
      boolean multiMember) {
    List<String[]> rows = instanceRows(app, kind, granularity, processingDate);
    List<SegmentFile> segments = new ArrayList<>();
    int index = 0;
    int from = 0;
    do {
      int to = Math.min(from + maxRowsPerSegment, rows.size());
      List<String[]> part = rows.subList(from, to);
      byte[] bytes =
          multiMember
              ? GzipTsv.writeMembers(kind.header(), part, MEMBERS_PER_SEGMENT)
              : GzipTsv.write(kind.header(), part);
      segments.add(SegmentFile.inMemory(index++, bytes));
      from = to;
    } while (from < rows.size());
    return List.copyOf(segments);
  }

  private void evict() {
    var entries = cache.entrySet().iterator();
    // Keeps at least the newest entry, so an instance larger than the budget is still served.
    while (cachedBytes > maxCachedBytes && cache.size() > 1 && entries.hasNext()) {
      Map.Entry<String, List<SegmentFile>> eldest = entries.next();
      cachedBytes -= size(eldest.getValue());
      entries.remove();
    }
  }

  private static long size(List<SegmentFile> segments) {
    return segments.stream().mapToLong(SegmentFile::sizeInBytes).sum();
  }

  static String md5Hex(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("[BUG] MD5 is missing from this JVM", e);
    }
  }
}
