package io.appstoreetl.extractor;

/** Receives a run's progress, for a person watching a terminal. Implementations are thread-safe. */
public interface RunProgress {
  /** No progress is shown. */
  RunProgress NONE =
      new RunProgress() {
        @Override
        public void started(int apps) {}

        @Override
        public void appFinished() {}

        @Override
        public void finished() {}
      };

  /** The run starts on {@code apps} apps. */
  void started(int apps);

  /** One more app finished, successfully or not. */
  void appFinished();

  /** The run finished; the last progress line may be completed. */
  void finished();
}
