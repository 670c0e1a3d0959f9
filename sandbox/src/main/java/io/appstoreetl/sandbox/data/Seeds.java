package io.appstoreetl.sandbox.data;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Derives ids, hashes and random streams from the sandbox seed and a list of parts.
 *
 * <p>Every value depends only on its inputs, so two sandboxes started with the same configuration
 * serve the same ids and bytes, also across JVM runs.
 */
public final class Seeds {

  private Seeds() {}

  /** Returns a name-based (version 3) UUID of the seed and the parts. */
  public static UUID uuid(long seed, Object... parts) {
    return UUID.nameUUIDFromBytes(key(seed, parts));
  }

  /** Returns a 64-bit hash of the seed and the parts. */
  public static long hash(long seed, Object... parts) {
    try {
      byte[] digest = MessageDigest.getInstance("MD5").digest(key(seed, parts));
      return ByteBuffer.wrap(digest).getLong();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("[BUG] MD5 is missing from this JVM", e);
    }
  }

  /** Returns a random stream whose sequence is fixed by the seed and the parts. */
  public static SplittableRandom random(long seed, Object... parts) {
    return new SplittableRandom(hash(seed, parts));
  }

  private static byte[] key(long seed, Object... parts) {
    StringBuilder key = new StringBuilder("seed=").append(seed);
    for (Object part : parts) {
      key.append('|').append(part);
    }
    return key.toString().getBytes(StandardCharsets.UTF_8);
  }
}
