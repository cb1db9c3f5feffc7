package dev.eddy.http;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Hands a gzip-encoded request body to a delegate decompressed, bounded on the decompressed size
 * ({@link IncrementalGunzip}): Tornado's {@code _GzipMessageDelegate} on the server side. The head
 * reaches the delegate without {@code Content-Encoding} and with {@code
 * X-Consumed-Content-Encoding: gzip}. Decompressed pieces are handed over one at a time, each after
 * the delegate's stage for the previous one completed (back-pressure holds). A bad body fails the
 * message with an {@link HttpInputException} 400, one too large when decompressed with 413.
 * Loop thread.
 */
final class GzipMessageDelegate implements HttpMessageDelegate {

  private final HttpMessageDelegate inner;
  private final IncrementalGunzip gunzip;

  GzipMessageDelegate(HttpMessageDelegate inner, long maxSize, int pieceSize) {
    this.inner = inner;
    this.gunzip = new IncrementalGunzip(maxSize, pieceSize, true);
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
  public CompletionStage<?> dataReceived(byte[] chunk) {
    gunzip.feed(chunk);
    return drain();
  }

  /** Hands over every piece the input so far yields, one stage at a time. */
  private CompletableFuture<Void> drain() {
    while (true) {
      byte[] piece;
      CompletionStage<?> stage;
      try {
        piece = gunzip.next();
        if (piece == null) {
          return CompletableFuture.completedFuture(null);
        }
        stage = inner.dataReceived(piece);
      } catch (Exception e) {
        return CompletableFuture.failedFuture(e);
      }
      if (stage != null) {
        return stage.toCompletableFuture().thenCompose(v -> drain());
      }
    }
  }

  @Override
  public void finish() throws Exception {
    try {
      gunzip.finish();
    } finally {
      gunzip.close();
    }
    inner.finish();
  }

  @Override
  public void onConnectionClose() {
    gunzip.close();
    inner.onConnectionClose();
  }
}
