package io.appstoreetl.extractor.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

/**
 * A response body as an {@link InputStream} with a read timeout. Java's HTTP client bounds the wait
 * for the response headers only, so a body that stops arriving midway would block a reader forever.
 * Here a read that receives no bytes within the timeout cancels the response and fails with {@link
 * SocketTimeoutException}, which the retry policy retries.
 *
 * <p>Buffers are requested from the client one at a time, as the reader consumes them, so a body of
 * any size is held in memory only a buffer or two at once.
 */
final class StallTimeoutBody implements HttpResponse.BodySubscriber<InputStream> {
  private static final Object END = new Object();

  private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
  private final long readTimeoutMs;
  private final String description;
  private final LongConsumer bytesReceived;
  private final Stream stream = new Stream();
  private volatile Flow.Subscription subscription;

  /**
   * @param description method and loggable URL, for the timeout message
   * @param bytesReceived called with the size of each buffer the reader takes
   */
  StallTimeoutBody(long readTimeoutMs, String description, LongConsumer bytesReceived) {
    this.readTimeoutMs = readTimeoutMs;
    this.description = description;
    this.bytesReceived = bytesReceived;
  }

  @Override
  public CompletionStage<InputStream> getBody() {
    return CompletableFuture.completedFuture(stream);
  }

  @Override
  public void onSubscribe(Flow.Subscription newSubscription) {
    subscription = newSubscription;
    newSubscription.request(1);
  }

  @Override
  public void onNext(List<ByteBuffer> buffers) {
    queue.add(buffers);
  }

  @Override
  public void onError(Throwable failure) {
    queue.add(failure);
  }

  @Override
  public void onComplete() {
    queue.add(END);
  }

  private final class Stream extends InputStream {
    private Iterator<ByteBuffer> buffers = List.<ByteBuffer>of().iterator();
    private ByteBuffer current = ByteBuffer.allocate(0);
    private boolean finished;
    private boolean closed;

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int count = read(one, 0, 1);

      return count < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] target, int offset, int length) throws IOException {
      if (closed) {
        throw new IOException("Cannot read the body of " + description + ": stream closed");
      }
      if (length == 0) {
        return 0;
      }
      if (!fill()) {
        return -1;
      }

      int count = Math.min(length, current.remaining());
      current.get(target, offset, count);

      return count;
    }

    /** Makes {@code current} hold unread bytes; returns false at the end of the body. */
    private boolean fill() throws IOException {
      while (!current.hasRemaining()) {
        if (buffers.hasNext()) {
          current = buffers.next();
          continue;
        }
        if (finished) {
          return false;
        }

        Object next = take();
        if (next == END) {
          finished = true;
          return false;
        }
        if (next instanceof Throwable failure) {
          finished = true;
          throw failure instanceof IOException io
              ? io
              : new IOException("Cannot read the body of " + description, failure);
        }

        @SuppressWarnings("unchecked") // onNext is the only producer of lists
        List<ByteBuffer> list = (List<ByteBuffer>) next;
        bytesReceived.accept(list.stream().mapToLong(ByteBuffer::remaining).sum());
        buffers = list.iterator();
        subscription.request(1);
      }

      return true;
    }

    private Object take() throws IOException {
      Object next;
      try {
        next = queue.poll(readTimeoutMs, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        cancel();
        throw new InterruptedIOException("Interrupted while reading " + description);
      }
      if (next == null) {
        cancel();
        throw new SocketTimeoutException(
            "Timed out reading the body of "
                + description
                + ": no bytes for "
                + readTimeoutMs
                + " ms");
      }

      return next;
    }

    @Override
    public void close() {
      if (!closed) {
        closed = true;
        if (!finished) {
          cancel();
        }
      }
    }

    private void cancel() {
      finished = true;
      Flow.Subscription active = subscription;
      if (active != null) {
        active.cancel();
      }
    }
  }
}
