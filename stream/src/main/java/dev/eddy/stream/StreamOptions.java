package dev.eddy.stream;

/**
 * The buffer limits of a stream, Tornado's defaults unless set: {@code maxBufferSize} 100 MiB
 * (the most that is read ahead; a read that needs more fails and closes the stream), {@code
 * readChunkSize} 64 KiB (the most read per system call; capped at half of {@code
 * maxBufferSize}), {@code maxWriteBufferSize} unlimited (a write that would queue more fails with
 * {@link StreamBufferFullException} and leaves the stream open).
 *
 * <p>Immutable and thread-safe.
 *
 * @param maxBufferSize bytes, at least 1
 * @param readChunkSize bytes, at least 1
 * @param maxWriteBufferSize bytes, at least 0; {@link Long#MAX_VALUE} for no limit
 */
public record StreamOptions(int maxBufferSize, int readChunkSize, long maxWriteBufferSize) {

  /** 100 MiB, 64 KiB, unlimited. */
  public static final StreamOptions DEFAULTS =
      new StreamOptions(100 * 1024 * 1024, 64 * 1024, Long.MAX_VALUE);

  /**
   * @throws IllegalArgumentException naming the value out of range
   */
  public StreamOptions {
    if (maxBufferSize < 1) {
      throw new IllegalArgumentException("maxBufferSize must be at least 1, got " + maxBufferSize);
    }
    if (readChunkSize < 1) {
      throw new IllegalArgumentException("readChunkSize must be at least 1, got " + readChunkSize);
    }
    if (maxWriteBufferSize < 0) {
      throw new IllegalArgumentException("maxWriteBufferSize must not be negative, got "
          + maxWriteBufferSize);
    }
  }

  /** These options with another {@code maxBufferSize}. */
  public StreamOptions withMaxBufferSize(int bytes) {
    return new StreamOptions(bytes, readChunkSize, maxWriteBufferSize);
  }

  /** These options with another {@code readChunkSize}. */
  public StreamOptions withReadChunkSize(int bytes) {
    return new StreamOptions(maxBufferSize, bytes, maxWriteBufferSize);
  }

  /** These options with another {@code maxWriteBufferSize}. */
  public StreamOptions withMaxWriteBufferSize(long bytes) {
    return new StreamOptions(maxBufferSize, readChunkSize, bytes);
  }

  /** The bytes one read call asks for: the chunk size, at most half the buffer (at least 1). */
  int effectiveChunk() {
    return Math.max(1, Math.min(readChunkSize, maxBufferSize / 2));
  }
}
