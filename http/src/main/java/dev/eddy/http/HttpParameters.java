package dev.eddy.http;

import java.time.Duration;

/**
 * Every limit and timeout of an HTTP/1.1 connection, one immutable record for both sides, with
 * Tornado's names and defaults where Tornado has them (DESIGN §7).
 *
 * <table>
 *   <caption>Defaults</caption>
 *   <tr><th>field</th><th>default</th><th>exceeded by the peer</th></tr>
 *   <tr><td>{@code maxStartLineBytes}</td><td>8 KiB</td><td>414 (request), error (response)</td></tr>
 *   <tr><td>{@code maxHeaderBytes}</td><td>64 KiB (start line and fields)</td><td>431</td></tr>
 *   <tr><td>{@code maxHeaderCount}</td><td>100 fields</td><td>431</td></tr>
 *   <tr><td>{@code maxBodySize}</td><td>100 MiB (after decompression)</td><td>413</td></tr>
 *   <tr><td>{@code maxChunkLineBytes}</td><td>4 KiB (size and extensions)</td><td>400</td></tr>
 *   <tr><td>{@code chunkSize}</td><td>64 KiB (the most handed to a delegate at once)</td>
 *       <td>—</td></tr>
 *   <tr><td>{@code idleTimeout}</td><td>60 s between requests (until the first byte of the
 *       next head)</td><td>connection closed, no answer</td></tr>
 *   <tr><td>{@code headerTimeout}</td><td>30 s for a whole head</td><td>408 if part of a head
 *       came, else closed without an answer</td></tr>
 *   <tr><td>{@code bodyTimeout}</td><td>60 s between body bytes</td><td>closed</td></tr>
 *   <tr><td>{@code minBodyRate}</td><td>240 bytes/s over the whole body, from 5 s after it
 *       began (server; 0 = off)</td><td>408, closed</td></tr>
 *   <tr><td>{@code decompress}</td><td>false (server: gunzip request bodies)</td><td>—</td></tr>
 * </table>
 *
 * <p>How a server waits for a head (slowloris defence): the first head of a connection must be
 * complete within {@code headerTimeout} of the connection opening. A later one may wait up to
 * {@code idleTimeout} for its first byte; from then it has {@code headerTimeout} to be complete,
 * checked every {@code headerTimeout} (so a trickling head is answered 408 between one and two
 * {@code headerTimeout}s after its first byte). A client uses {@code headerTimeout} for the
 * response head from the request on (null by default: its request timeout bounds it).
 *
 * <p>A null timeout means none. Immutable and thread-safe; change a value with a {@code with}
 * method.
 */
public record HttpParameters(int maxStartLineBytes, int maxHeaderBytes, int maxHeaderCount,
    long maxBodySize, int maxChunkLineBytes, int chunkSize, Duration idleTimeout,
    Duration headerTimeout, Duration bodyTimeout, boolean decompress, int minBodyRate) {

  /** The defaults in the table above. */
  public static final HttpParameters DEFAULTS = new HttpParameters(8 * 1024, 64 * 1024, 100,
      100L * 1024 * 1024, 4 * 1024, 64 * 1024, Duration.ofSeconds(60), Duration.ofSeconds(30),
      Duration.ofSeconds(60), false, 240);

  /**
   * @throws IllegalArgumentException naming a limit below 1 or a timeout that is not positive
   */
  public HttpParameters {
    positive("maxStartLineBytes", maxStartLineBytes);
    positive("maxHeaderBytes", maxHeaderBytes);
    positive("maxHeaderCount", maxHeaderCount);
    positive("maxBodySize", maxBodySize);
    positive("maxChunkLineBytes", maxChunkLineBytes);
    positive("chunkSize", chunkSize);
    positive("idleTimeout", idleTimeout);
    positive("headerTimeout", headerTimeout);
    positive("bodyTimeout", bodyTimeout);
    if (minBodyRate < 0) {
      throw new IllegalArgumentException("minBodyRate must be 0 (off) or more, got "
          + minBodyRate);
    }
    if (maxStartLineBytes > maxHeaderBytes) {
      throw new IllegalArgumentException("maxStartLineBytes (" + maxStartLineBytes
          + ") cannot exceed maxHeaderBytes (" + maxHeaderBytes + ")");
    }
  }

  private static void positive(String name, long value) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be at least 1, got " + value);
    }
  }

  private static void positive(String name, Duration value) {
    if (value != null && (value.isZero() || value.isNegative())) {
      throw new IllegalArgumentException(name + " must be positive (or null for none), got "
          + value);
    }
  }

  public HttpParameters withMaxStartLineBytes(int v) {
    return new HttpParameters(v, maxHeaderBytes, maxHeaderCount, maxBodySize, maxChunkLineBytes,
        chunkSize, idleTimeout, headerTimeout, bodyTimeout, decompress, minBodyRate);
  }

  public HttpParameters withMaxHeaderBytes(int v) {
    return new HttpParameters(maxStartLineBytes, v, maxHeaderCount, maxBodySize,
        maxChunkLineBytes, chunkSize, idleTimeout, headerTimeout, bodyTimeout, decompress,
        minBodyRate);
  }

  public HttpParameters withMaxHeaderCount(int v) {
    return new HttpParameters(maxStartLineBytes, maxHeaderBytes, v, maxBodySize,
        maxChunkLineBytes, chunkSize, idleTimeout, headerTimeout, bodyTimeout, decompress,
        minBodyRate);
  }

  public HttpParameters withMaxBodySize(long v) {
    return new HttpParameters(maxStartLineBytes, maxHeaderBytes, maxHeaderCount, v,
        maxChunkLineBytes, chunkSize, idleTimeout, headerTimeout, bodyTimeout, decompress,
        minBodyRate);
  }

  public HttpParameters withChunkSize(int v) {
    return new HttpParameters(maxStartLineBytes, maxHeaderBytes, maxHeaderCount, maxBodySize,
        maxChunkLineBytes, v, idleTimeout, headerTimeout, bodyTimeout, decompress, minBodyRate);
  }

  public HttpParameters withIdleTimeout(Duration v) {
    return new HttpParameters(maxStartLineBytes, maxHeaderBytes, maxHeaderCount, maxBodySize,
        maxChunkLineBytes, chunkSize, v, headerTimeout, bodyTimeout, decompress, minBodyRate);
  }

  public HttpParameters withHeaderTimeout(Duration v) {
    return new HttpParameters(maxStartLineBytes, maxHeaderBytes, maxHeaderCount, maxBodySize,
        maxChunkLineBytes, chunkSize, idleTimeout, v, bodyTimeout, decompress, minBodyRate);
  }

  public HttpParameters withBodyTimeout(Duration v) {
    return new HttpParameters(maxStartLineBytes, maxHeaderBytes, maxHeaderCount, maxBodySize,
        maxChunkLineBytes, chunkSize, idleTimeout, headerTimeout, v, decompress,
        minBodyRate);
  }

  public HttpParameters withDecompress(boolean v) {
    return new HttpParameters(maxStartLineBytes, maxHeaderBytes, maxHeaderCount, maxBodySize,
        maxChunkLineBytes, chunkSize, idleTimeout, headerTimeout, bodyTimeout, v, minBodyRate);
  }

  public HttpParameters withMaxChunkLineBytes(int v) {
    return new HttpParameters(maxStartLineBytes, maxHeaderBytes, maxHeaderCount, maxBodySize, v,
        chunkSize, idleTimeout, headerTimeout, bodyTimeout, decompress, minBodyRate);
  }

  /** The slowest a request body may arrive, in bytes per second after a grace; 0 turns it off. */
  public HttpParameters withMinBodyRate(int v) {
    return new HttpParameters(maxStartLineBytes, maxHeaderBytes, maxHeaderCount, maxBodySize,
        maxChunkLineBytes, chunkSize, idleTimeout, headerTimeout, bodyTimeout, decompress, v);
  }
}
