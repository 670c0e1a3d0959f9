package io.appstoreetl.curation.insights;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The saved topic models under one folder (local, or S3 on EMR), each in {@code topics-v<N>/}, with
 * N counting up from 1.
 *
 * <p>A model counts once its {@value #MARKER} file exists; {@link #save} writes that file last, so
 * a run that fails while saving leaves a folder that later runs skip, and the next training takes a
 * higher number.
 */
public final class TopicModelStore {
  static final String MARKER = "model.properties";
  private static final Pattern VERSION = Pattern.compile("topics-v([1-9][0-9]{0,8})");

  private final Path root;
  private final Configuration conf;

  public TopicModelStore(String root, Configuration conf) {
    this.root = new Path(root);
    this.conf = conf;
  }

  /** Returns the folder of the models, as given. */
  public String root() {
    return root.toString();
  }

  /** Returns the complete model with the highest version number, if any. */
  public Optional<String> latestVersion() throws IOException {
    OptionalInt latest = highest(true /* complete only */);

    return latest.isPresent() ? Optional.of(name(latest.getAsInt())) : Optional.empty();
  }

  /** Returns the version that the next training takes: one above every folder present. */
  public String nextVersion() throws IOException {
    return name(highest(false /* any folder */).orElse(0) + 1);
  }

  /** Reads a complete model. */
  public TopicModel load(String version) {
    return TopicModel.load(new Path(root, version).toString(), version);
  }

  /** Writes the model into its version's folder, then the marker that makes it count. */
  public void save(TopicModel model, long trainingReviews) throws IOException {
    Path folder = new Path(root, model.version());
    model.save(folder.toString());

    String properties =
        "version="
            + model.version()
            + "\ntopics="
            + model.topicCount()
            + "\nseed="
            + TopicModel.SEED
            + "\ntraining_reviews="
            + trainingReviews
            + "\n";
    FileSystem fs = folder.getFileSystem(conf);
    try (OutputStream out = fs.create(new Path(folder, MARKER), true /* overwrite */)) {
      out.write(properties.getBytes(StandardCharsets.UTF_8));
    }
  }

  private OptionalInt highest(boolean completeOnly) throws IOException {
    FileSystem fs = root.getFileSystem(conf);
    if (!fs.exists(root)) {
      return OptionalInt.empty();
    }

    int highest = 0;
    for (FileStatus status : fs.listStatus(root)) {
      Matcher matcher = VERSION.matcher(status.getPath().getName());
      if (!status.isDirectory() || !matcher.matches()) {
        continue;
      }
      if (completeOnly && !fs.exists(new Path(status.getPath(), MARKER))) {
        continue;
      }
      highest = Math.max(highest, Integer.parseInt(matcher.group(1)));
    }

    return highest == 0 ? OptionalInt.empty() : OptionalInt.of(highest);
  }

  private static String name(int number) {
    return "topics-v" + number;
  }
}
