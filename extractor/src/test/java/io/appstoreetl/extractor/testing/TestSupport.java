package io.appstoreetl.extractor.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.appstoreetl.extractor.auth.BearerTokens;
import io.appstoreetl.extractor.http.AppStoreConnectClient;
import io.appstoreetl.extractor.http.RateLimiter;
import io.appstoreetl.extractor.http.RetryPolicy;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPOutputStream;

/** Shared helpers for the extractor's tests. */
public final class TestSupport {
  public static final ObjectMapper MAPPER = new ObjectMapper();

  private TestSupport() {}

  public static KeyPair ecKeyPair(String curve) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec(curve));
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Writes {@code key} as a PKCS#8 PEM file, as Apple's .p8 files are. */
  public static Path writePem(Path file, PrivateKey key) throws IOException {
    String body =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
            .encodeToString(key.getEncoded());
    Files.writeString(
        file, "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n");
    return file;
  }

  public static byte[] gzip(String text) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** Concatenates two gzip members, as a segment may hold several. */
  public static byte[] gzipMembers(String first, String second) {
    byte[] a = gzip(first);
    byte[] b = gzip(second);
    byte[] both = new byte[a.length + b.length];
    System.arraycopy(a, 0, both, 0, a.length);
    System.arraycopy(b, 0, both, a.length, b.length);
    return both;
  }

  public static String md5(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A retry policy that records its delays instead of sleeping. */
  public static final class RecordingSleeper implements RetryPolicy.Sleeper {
    private final List<Long> delaysMs = new ArrayList<>();

    @Override
    public synchronized void sleep(long millis) {
      delaysMs.add(millis);
    }

    public synchronized List<Long> delaysMs() {
      return List.copyOf(delaysMs);
    }
  }

  public static RetryPolicy fastRetry(RecordingSleeper sleeper) {
    return new RetryPolicy(5, 100, 1_000, 600_000, sleeper, System::nanoTime);
  }

  /** Tokens "token-1", "token-2", ...: {@code current} repeats, {@code refresh} moves on. */
  public static final class CountingTokens implements BearerTokens {
    private final AtomicInteger minted = new AtomicInteger(1);

    @Override
    public String current() {
      return "token-" + minted.get();
    }

    @Override
    public String refresh() {
      return "token-" + minted.incrementAndGet();
    }
  }

  public static AppStoreConnectClient client(
      String baseUrl, BearerTokens tokens, RetryPolicy retry, Clock clock) {
    return clientBuilder(baseUrl, tokens, retry, clock).build();
  }

  /** A client builder with test settings: short timeouts, http on loopback allowed. */
  public static AppStoreConnectClient.Builder clientBuilder(
      String baseUrl, BearerTokens tokens, RetryPolicy retry, Clock clock) {
    return AppStoreConnectClient.builder(URI.create(baseUrl), tokens, MAPPER)
        .retry(retry)
        .rateLimiter(virtualTimeLimiter(RateLimiter.DEFAULT_HOUR_LIMIT))
        .timeouts(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(10))
        .allowLoopbackHttp(true /* sandbox: http segment URLs on loopback */)
        .clock(clock)
        .userAgent("extractor-test");
  }

  /**
   * Returns a rate limiter on a virtual clock: waiting moves the clock instead of sleeping, so a
   * test can make thousands of calls against a small limit in no time.
   */
  public static RateLimiter virtualTimeLimiter(int hourLimit) {
    AtomicLong nowMillis = new AtomicLong(1_736_488_800_000L);
    return new RateLimiter(hourLimit, 0, nowMillis::get, nowMillis::addAndGet);
  }

  /** Returns a client with the default test settings against {@code server}. */
  public static AppStoreConnectClient client(FakeAppStoreConnect server, Clock clock) {
    return client(server.baseUrl(), new CountingTokens(), fastRetry(new RecordingSleeper()), clock);
  }
}
