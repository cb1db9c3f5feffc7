package dev.eddy.stream;

import java.io.IOException;

/**
 * A read cannot be satisfied: the delimiter or pattern was not found within {@code maxBytes}.
 * The stream is closed with this as its error (Tornado's {@code UnsatisfiableReadError}): the
 * read's future fails with a {@link StreamClosedException} whose cause is this exception.
 */
public class UnsatisfiableReadException extends IOException {

  private static final long serialVersionUID = 1L;

  public UnsatisfiableReadException(String message) {
    super(message);
  }
}
