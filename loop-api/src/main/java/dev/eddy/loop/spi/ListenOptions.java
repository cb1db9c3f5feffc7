package dev.eddy.loop.spi;

/**
 * How to listen: the accept backlog, {@code SO_REUSEADDR} and {@code SO_REUSEPORT}.
 *
 * <p>{@link #DEFAULTS} is Tornado's {@code bind_sockets}: backlog 128, reuse-address on,
 * reuse-port off. Immutable.
 *
 * @param backlog the accept queue length, at least 1
 * @param reuseAddress set {@code SO_REUSEADDR} (ignored for Unix-domain sockets)
 * @param reusePort set {@code SO_REUSEPORT}, so that several sockets (one per loop) can listen on
 *     one port
 */
public record ListenOptions(int backlog, boolean reuseAddress, boolean reusePort) {

  /** Backlog 128, reuse-address on, reuse-port off. */
  public static final ListenOptions DEFAULTS = new ListenOptions(128, true, false);

  /**
   * @throws IllegalArgumentException if {@code backlog} is less than 1
   */
  public ListenOptions {
    if (backlog < 1) {
      throw new IllegalArgumentException("backlog must be at least 1, got " + backlog);
    }
  }

  /** A copy with the given backlog. */
  public ListenOptions withBacklog(int newBacklog) {
    return new ListenOptions(newBacklog, reuseAddress, reusePort);
  }

  /** A copy with {@code SO_REUSEADDR} set or not. */
  public ListenOptions withReuseAddress(boolean on) {
    return new ListenOptions(backlog, on, reusePort);
  }

  /** A copy with {@code SO_REUSEPORT} set or not. */
  public ListenOptions withReusePort(boolean on) {
    return new ListenOptions(backlog, reuseAddress, on);
  }
}
