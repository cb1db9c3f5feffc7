package dev.eddy.benchmarks.jmh;

import dev.eddy.stream.IOStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * The client side of the HTTP round-trip benchmarks, as small as a client can be: it writes a
 * fixed request head on one keep-alive connection and reads the response as raw bytes, its head
 * up to the empty line and then {@code Content-Length} bytes of body. Nothing is parsed but the
 * status code and that one field, so the round trip's allocation is mostly the server's.
 */
final class KeepAliveClient {

  private static final byte[] END_OF_HEAD = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] LENGTH_FIELD =
      "\r\ncontent-length:".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] STATUS_200 = "HTTP/1.1 200 ".getBytes(StandardCharsets.US_ASCII);

  private final IOStream stream;
  private final byte[] request;

  /** A client on {@code stream} (connected, on the loop that runs it) sending {@code request}. */
  KeepAliveClient(IOStream stream, byte[] request) {
    this.stream = stream;
    this.request = request;
    stream.setNoDelay(true);
  }

  /**
   * Sends the request and reads one response; completes with its body.
   *
   * @throws IllegalStateException through the future if the status is not 200 or the head has
   *     no Content-Length
   */
  CompletableFuture<byte[]> exchange() {
    // The request array is never changed, so handing it to every write is safe.
    stream.write(ByteBuffer.wrap(request));
    return stream.readUntil(END_OF_HEAD).thenCompose(head -> stream.readBytes(bodyLength(head)));
  }

  void close() {
    stream.close();
  }

  /** The Content-Length of a 200 response head. */
  static int bodyLength(byte[] head) {
    for (int i = 0; i < STATUS_200.length; i++) {
      if (head[i] != STATUS_200[i]) {
        throw new IllegalStateException("not a 200 response: "
            + new String(head, StandardCharsets.ISO_8859_1));
      }
    }
    int at = indexOfIgnoreCase(head, LENGTH_FIELD);
    if (at < 0) {
      throw new IllegalStateException("no Content-Length: "
          + new String(head, StandardCharsets.ISO_8859_1));
    }
    int i = at + LENGTH_FIELD.length;
    while (head[i] == ' ') {
      i++;
    }
    int n = 0;
    while (head[i] >= '0' && head[i] <= '9') {
      n = n * 10 + (head[i++] - '0');
    }
    return n;
  }

  /** Where {@code lower} (lower case) starts in {@code b}, ignoring ASCII case, or -1. */
  private static int indexOfIgnoreCase(byte[] b, byte[] lower) {
    outer:
    for (int i = 0; i + lower.length <= b.length; i++) {
      for (int j = 0; j < lower.length; j++) {
        int c = b[i + j];
        if (c >= 'A' && c <= 'Z') {
          c += 'a' - 'A';
        }
        if (c != lower[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
