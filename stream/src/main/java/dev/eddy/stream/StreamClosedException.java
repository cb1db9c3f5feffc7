package dev.eddy.stream;

import java.io.IOException;

/**
 * The stream is closed: raised by (or failing the future of) an operation on a closed stream, and
 * failing every read, write and connect still pending when the stream closes, as Tornado's {@code
 * StreamClosedError}.
 *
 * <p>{@link #getCause()} is the real error that closed the stream ({@link #realError()}), or null
 * if it was closed normally (by {@link BaseIOStream#close()} or the peer's orderly shutdown).
 */
public class StreamClosedException extends IOException {

  private static final long serialVersionUID = 1L;

  /** @param realError what closed the stream, or null for a normal close */
  public StreamClosedException(Throwable realError) {
    super(realError == null ? "Stream is closed" : "Stream is closed: " + realError, realError);
  }

  /** What closed the stream, or null for a normal close. */
  public Throwable realError() {
    return getCause();
  }
}
