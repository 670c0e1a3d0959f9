package io.appstoreetl.extractor.raw;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Test seam for the crash tests: a deterministic point between an analytics unit's last segment and
 * its manifest where the extractor stops and waits to be killed.
 *
 * <p>It does nothing unless the environment variable {@value #VARIABLE} names a file. Then the
 * first analytics unit that reaches {@link RawZone#publishUnit}, after its files and its date index
 * entries are written and before its manifest, writes its unit key to that file and the extractor
 * blocks there for good. Production runs never set the variable.
 */
final class CrashTestPause {
  static final String VARIABLE = "APPSTORE_ETL_TEST_PAUSE_BEFORE_MANIFEST";

  private static final Logger LOG = LoggerFactory.getLogger(CrashTestPause.class);
  private static final AtomicBoolean PAUSED = new AtomicBoolean();

  private CrashTestPause() {}

  /** Blocks forever when the seam is switched on and this is the first analytics unit. */
  static void beforeManifest(String unitKey) throws IOException {
    String marker = System.getenv(VARIABLE);
    if (marker == null
        || marker.isBlank()
        || !unitKey.startsWith("source=analytics/")
        || !PAUSED.compareAndSet(false, true)) {
      return;
    }
    Path file = Path.of(marker);
    Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(temporary, unitKey, StandardCharsets.UTF_8);
    Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
    LOG.warn("Test pause ({} is set): waiting before the manifest of {}", VARIABLE, unitKey);
    while (true) {
      try {
        Thread.sleep(60_000);
      } catch (InterruptedException e) {
        // keep waiting: the test ends this process with SIGKILL
      }
    }
  }
}
