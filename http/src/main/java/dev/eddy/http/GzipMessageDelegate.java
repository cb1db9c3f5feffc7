package dev.eddy.http;

import java.util.concurrent.CompletionStage;

/**
 * Hands a gzip-encoded body to a delegate decompressed, bounded on the decompressed size ({@link
 * GzipDecoder}): Tornado's {@code _GzipMessageDelegate}. The head reaches the delegate without
 * {@code Content-Encoding} and with {@code X-Consumed-Content-Encoding: gzip}. A bad or too large
 * body fails the message with an {@link HttpInputException} (400 or 413). Loop thread.
 */
final class GzipMessageDelegate implements HttpMessageDelegate {

  private final HttpMessageDelegate inner;
  private final GzipDecoder decoder;

  GzipMessageDelegate(HttpMessageDelegate inner, long maxSize) {
    this.inner = inner;
    this.decoder = new GzipDecoder(maxSize);
  }

  /** True if {@code headers} announce a gzip body this delegate should decode. */
  static boolean applies(HttpHeaders headers) {
    String encoding = headers.get("Content-Encoding");
    return encoding != null && encoding.trim().equalsIgnoreCase("gzip");
  }

  @Override
  public CompletionStage<?> headersReceived(Object startLine, HttpHeaders headers)
      throws Exception {
    headers.remove("Content-Encoding");
    headers.set("X-Consumed-Content-Encoding", "gzip");
    return inner.headersReceived(startLine, headers);
  }

  @Override
  public CompletionStage<?> dataReceived(byte[] chunk) throws Exception {
    byte[] plain = decoder.decode(chunk);
    return plain.length == 0 ? null : inner.dataReceived(plain);
  }

  @Override
  public void finish() throws Exception {
    try {
      decoder.finish();
    } finally {
      decoder.close();
    }
    inner.finish();
  }

  @Override
  public void onConnectionClose() {
    decoder.close();
    inner.onConnectionClose();
  }
}
