package io.appstoreetl.sandbox.analytics;

import io.appstoreetl.sandbox.data.Granularity;
import io.appstoreetl.sandbox.data.Seeds;
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Encodes what identifies an analytics instance into a version-4-shaped UUID and decodes it again,
 * so the sandbox can find any instance by id without keeping a map of every instance it listed.
 *
 * <p>The 122 free bits of the UUID hold the app id (34 bits), the access type (1), the request
 * generation (8), the report slot (8), the granularity (2) and the processing date as an epoch day
 * (20), masked with a seed-derived stream so that ids look random, and a 49-bit seeded tag that
 * rejects ids this sandbox did not make.
 */
final class InstanceIds {

  /** The fields an instance id encodes. */
  record Key(
      long appId,
      String accessType,
      int generation,
      int slot,
      Granularity granularity,
      LocalDate processingDate) {}

  private static final int APP_BITS = 34;
  private static final int GENERATION_BITS = 8;
  private static final int SLOT_BITS = 8;
  private static final int GRANULARITY_BITS = 2;
  private static final int DAY_BITS = 20;
  private static final int PAYLOAD_BITS =
      APP_BITS + 1 + GENERATION_BITS + SLOT_BITS + GRANULARITY_BITS + DAY_BITS;
  private static final int TAG_BITS = 49;

  private static final Pattern UUID_FORM =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");

  private final long seed;

  InstanceIds(long seed) {
    this.seed = seed;
  }

  /** Returns the id of the instance with this key. */
  String encode(Key key) {
    BigInteger payload = BigInteger.valueOf(key.appId());
    payload = append(payload, key.accessType().equals(ReportRequest.ONGOING) ? 1 : 0, 1);
    payload = append(payload, key.generation(), GENERATION_BITS);
    payload = append(payload, key.slot(), SLOT_BITS);
    payload = append(payload, key.granularity().ordinal(), GRANULARITY_BITS);
    payload = append(payload, key.processingDate().toEpochDay(), DAY_BITS);
    checkFits(key, payload);

    BigInteger tag = tag(payload);
    BigInteger value = payload.xor(mask(tag)).shiftLeft(TAG_BITS).or(tag);
    return toUuid(value).toString();
  }

  /** Decodes an id this sandbox made; anything else gives empty. */
  Optional<Key> decode(String id) {
    if (!UUID_FORM.matcher(id).matches()) {
      return Optional.empty();
    }
    BigInteger value = fromUuid(UUID.fromString(id));
    BigInteger tag = value.and(ones(TAG_BITS));
    BigInteger payload = value.shiftRight(TAG_BITS).xor(mask(tag));
    if (!tag(payload).equals(tag)) {
      return Optional.empty();
    }

    long epochDay = take(payload, 0, DAY_BITS);
    int granularity = (int) take(payload, DAY_BITS, GRANULARITY_BITS);
    int slot = (int) take(payload, DAY_BITS + GRANULARITY_BITS, SLOT_BITS);
    int generation = (int) take(payload, DAY_BITS + GRANULARITY_BITS + SLOT_BITS, GENERATION_BITS);
    int ongoing = (int) take(payload, DAY_BITS + GRANULARITY_BITS + SLOT_BITS + GENERATION_BITS, 1);
    long appId = payload.shiftRight(PAYLOAD_BITS - APP_BITS).longValueExact();
    if (granularity >= Granularity.values().length) {
      return Optional.empty();
    }
    return Optional.of(
        new Key(
            appId,
            ongoing == 1 ? ReportRequest.ONGOING : ReportRequest.ONE_TIME_SNAPSHOT,
            generation,
            slot,
            Granularity.values()[granularity],
            LocalDate.ofEpochDay(epochDay)));
  }

  private static void checkFits(Key key, BigInteger payload) {
    if (payload.bitLength() > PAYLOAD_BITS
        || key.generation() >= (1 << GENERATION_BITS)
        || key.slot() >= (1 << SLOT_BITS)
        || key.processingDate().toEpochDay() < 0
        || key.processingDate().toEpochDay() >= (1L << DAY_BITS)) {
      throw new IllegalArgumentException("Cannot encode an instance id for " + key);
    }
  }

  private static BigInteger append(BigInteger bits, long value, int width) {
    return bits.shiftLeft(width).or(BigInteger.valueOf(value));
  }

  private static long take(BigInteger bits, int offset, int width) {
    return bits.shiftRight(offset).and(ones(width)).longValueExact();
  }

  private static BigInteger ones(int width) {
    return BigInteger.ONE.shiftLeft(width).subtract(BigInteger.ONE);
  }

  private BigInteger tag(BigInteger payload) {
    return BigInteger.valueOf(Seeds.hash(seed, "instanceIdTag", payload) >>> (64 - TAG_BITS));
  }

  private BigInteger mask(BigInteger tag) {
    BigInteger high =
        new BigInteger(Long.toUnsignedString(Seeds.hash(seed, "instanceIdMask", tag)));
    BigInteger low =
        BigInteger.valueOf(Seeds.hash(seed, "instanceIdMask", tag, 1) >>> (128 - PAYLOAD_BITS));
    return high.shiftLeft(PAYLOAD_BITS - 64).or(low).and(ones(PAYLOAD_BITS));
  }

  /** Places 122 bits around the version nibble (4) and the variant bits (10) of a UUID. */
  private static UUID toUuid(BigInteger value) {
    long top48 = take(value, 74, 48);
    long next12 = take(value, 62, 12);
    long low62 = take(value, 0, 62);
    long mostSignificant = (top48 << 16) | (0x4L << 12) | next12;
    long leastSignificant = (0x2L << 62) | low62;
    return new UUID(mostSignificant, leastSignificant);
  }

  private static BigInteger fromUuid(UUID uuid) {
    long mostSignificant = uuid.getMostSignificantBits();
    long leastSignificant = uuid.getLeastSignificantBits();
    BigInteger top48 = BigInteger.valueOf(mostSignificant >>> 16);
    BigInteger next12 = BigInteger.valueOf(mostSignificant & 0xFFFL);
    BigInteger low62 = BigInteger.valueOf(leastSignificant & ((1L << 62) - 1));
    return top48.shiftLeft(74).or(next12.shiftLeft(62)).or(low62);
  }
}
