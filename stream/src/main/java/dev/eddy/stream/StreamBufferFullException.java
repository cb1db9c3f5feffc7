package dev.eddy.stream;

import java.io.IOException;

/**
 * A buffer limit was reached: "Reached maximum read buffer size" (the stream is closed with this
 * as its error) or "Reached maximum write buffer size" (the write is refused and the stream stays
 * open), as Tornado's {@code StreamBufferFullError}.
 */
public class StreamBufferFullException extends IOException {

  private static final long serialVersionUID = 1L;

  public StreamBufferFullException(String message) {
    super(message);
  }
}
