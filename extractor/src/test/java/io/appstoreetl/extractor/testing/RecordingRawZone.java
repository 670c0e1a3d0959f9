package io.appstoreetl.extractor.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.appstoreetl.extractor.raw.RawZone;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A raw zone that records the keys it writes, in order, so tests can check what came last. */
public final class RecordingRawZone extends RawZone {
  private final List<String> writtenKeys = new ArrayList<>();

  public RecordingRawZone(Path root, ObjectMapper mapper) {
    super(root, mapper);
  }

  @Override
  public synchronized OutputStream createNew(String key) throws IOException {
    writtenKeys.add(key);
    return super.createNew(key);
  }

  @Override
  public synchronized void writeAtomically(String key, byte[] bytes) throws IOException {
    writtenKeys.add(key);
    super.writeAtomically(key, bytes);
  }

  public synchronized List<String> writtenKeys() {
    return List.copyOf(writtenKeys);
  }
}
