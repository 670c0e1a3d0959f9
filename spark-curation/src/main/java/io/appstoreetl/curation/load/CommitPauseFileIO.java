package io.appstoreetl.curation.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.iceberg.hadoop.HadoopFileIO;
import org.apache.iceberg.io.InputFile;
import org.apache.iceberg.io.OutputFile;
import org.apache.iceberg.io.PositionOutputStream;

/**
 * Test seam for the crash tests: Hadoop's FileIO with one deterministic pause inside an Iceberg
 * commit.
 *
 * <p>The catalog uses this class only when the job's environment sets {@value #VARIABLE} to a file
 * path (see {@code SparkSessions.configureCatalog}). Then, in the first commit to the {@code
 * downloads} table that adds a snapshot, once the snapshot's manifest list and the new table
 * metadata file are written and before the catalog points the table at that metadata, the job
 * writes the metadata file's location to the marker file and blocks for good, so that a test can
 * kill it there.
 */
public class CommitPauseFileIO extends HadoopFileIO {
  static final String VARIABLE = "APPSTORE_ETL_TEST_PAUSE_IN_COMMIT";

  private static final long serialVersionUID = 1L;
  private static final String TABLE_METADATA = "/downloads/metadata/";
  private static final AtomicBoolean SNAPSHOT_WRITTEN = new AtomicBoolean();
  private static final AtomicBoolean PAUSED = new AtomicBoolean();

  /** Iceberg creates the FileIO through this constructor and then sets the Hadoop conf. */
  public CommitPauseFileIO() {}

  @Override
  public OutputFile newOutputFile(String path) {
    OutputFile file = super.newOutputFile(path);
    if (!path.contains(TABLE_METADATA)) {
      return file;
    }
    String name = path.substring(path.lastIndexOf('/') + 1);
    if (name.startsWith("snap-")) {
      SNAPSHOT_WRITTEN.set(true);
      return file;
    }
    if (name.endsWith(".metadata.json") && SNAPSHOT_WRITTEN.get()) {
      return new PausingOutputFile(file);
    }
    return file;
  }

  private static void pause(String location) {
    String marker = System.getenv(VARIABLE);
    if (marker == null || marker.isBlank() || !PAUSED.compareAndSet(false, true)) {
      return;
    }
    try {
      Path file = Path.of(marker);
      Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
      Files.writeString(temporary, location, StandardCharsets.UTF_8);
      Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new IllegalStateException("Cannot write the test pause marker " + marker, e);
    }
    while (true) {
      try {
        Thread.sleep(60_000);
      } catch (InterruptedException e) {
        // keep waiting: the test ends this process with SIGKILL
      }
    }
  }

  /** Pauses after the metadata file is closed, that is completely written. */
  private static final class PausingOutputFile implements OutputFile {
    private final OutputFile delegate;

    PausingOutputFile(OutputFile delegate) {
      this.delegate = delegate;
    }

    @Override
    public PositionOutputStream create() {
      return new PausingStream(delegate.create(), delegate.location());
    }

    @Override
    public PositionOutputStream createOrOverwrite() {
      return new PausingStream(delegate.createOrOverwrite(), delegate.location());
    }

    @Override
    public String location() {
      return delegate.location();
    }

    @Override
    public InputFile toInputFile() {
      return delegate.toInputFile();
    }
  }

  private static final class PausingStream extends PositionOutputStream {
    private final PositionOutputStream delegate;
    private final String location;

    PausingStream(PositionOutputStream delegate, String location) {
      this.delegate = delegate;
      this.location = location;
    }

    @Override
    public long getPos() throws IOException {
      return delegate.getPos();
    }

    @Override
    public void write(int b) throws IOException {
      delegate.write(b);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
      delegate.write(bytes, offset, length);
    }

    @Override
    public void flush() throws IOException {
      delegate.flush();
    }

    @Override
    public void close() throws IOException {
      delegate.close();
      pause(location);
    }
  }
}
