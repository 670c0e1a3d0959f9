package io.appstoreetl.extractor.raw;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/**
 * Makes attempt, landing and run ids of the form {@code 20250110T061502123Z-1a2b3c4d}: the UTC time
 * to the millisecond and 8 random hex digits, so that every attempt writes a new key.
 */
public final class AttemptIds {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);

  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  public AttemptIds(Clock clock) {
    this.clock = clock;
  }

  public String next() {
    byte[] suffix = new byte[4];
    random.nextBytes(suffix);

    return TIME.format(clock.instant()) + "-" + HexFormat.of().formatHex(suffix);
  }
}
