package dev.eddy.loop.spi;

import java.io.IOException;

/**
 * The two ends of an anonymous pipe: bytes written to {@link #sink()} are read from {@link
 * #source()}. Reading the sink or writing the source fails with an {@link IOException}.
 *
 * @param source the read end; it reports READ, and end of stream once the sink is closed
 * @param sink the write end; it reports WRITE while the pipe has room
 */
public record PipeHandles(StreamHandle source, StreamHandle sink) {

  /** Closes both ends; the first error is thrown after both were tried. */
  public void close() throws IOException {
    try {
      source.close();
    } finally {
      sink.close();
    }
  }
}
