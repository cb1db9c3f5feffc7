package dev.eddy.loop.spi;

import java.io.Closeable;
import java.io.IOException;

/**
 * A readiness multiplexer (epoll, kqueue, a {@code java.nio} selector), level-triggered. The
 * contract every backend keeps is written in the {@linkplain dev.eddy.loop.spi package
 * documentation}.
 *
 * <p>Threading: {@link #wakeup()} may be called from any thread. Every other method is called by
 * the thread that polls, or by any one thread while no poll is in progress.
 */
public interface Poller extends Closeable {

  /** Readable, or a connection waits to be accepted. epoll's {@code EPOLLIN}. */
  int READ = 0x1;

  /** Writable, or a connect has completed or failed. epoll's {@code EPOLLOUT}. */
  int WRITE = 0x4;

  /** Error or hang-up: epoll's {@code EPOLLERR | EPOLLHUP}. Always reported, never asked for. */
  int ERROR = 0x18;

  /**
   * Starts watching a handle.
   *
   * @param handle a handle made by this backend's {@link Transport}
   * @param interest a bit set of {@link #READ} and {@link #WRITE} (0 is allowed: only ERROR)
   * @param attachment any object, given back by {@link PollKey#attachment()}
   * @return the new registration
   * @throws AlreadyRegisteredException if the handle is registered with this poller already
   * @throws IllegalArgumentException if the handle is not of a kind this backend accepts, or the
   *     interest has bits other than READ and WRITE
   * @throws IllegalStateException if the handle or the poller is closed
   * @throws IOException if the operating system refuses the registration
   */
  PollKey register(PollHandle handle, int interest, Object attachment) throws IOException;

  /**
   * Replaces the interest of a registration. Does nothing (no system call) if it is unchanged.
   *
   * @throws NotRegisteredException if the key was unregistered, or belongs to another poller
   * @throws IllegalArgumentException if the interest has bits other than READ and WRITE
   * @throws IOException if the operating system refuses the change
   */
  void modify(PollKey key, int interest) throws IOException;

  /**
   * Stops watching. Idempotent: unregistering an invalid key does nothing. Events for the key in
   * a batch already returned are no longer {@linkplain PollEvents#isLive(int) live}.
   */
  void unregister(PollKey key);

  /**
   * Waits for readiness and fills {@code events} with the ready registrations.
   *
   * @param timeoutNanos 0 to return at once, positive to wait at most about that long, negative to
   *     wait until an event or a {@link #wakeup()}
   * @param events the caller's buffer; cleared first
   * @return the number of entries filled (also {@code events.size()})
   * @throws IllegalStateException if the poller is closed
   * @throws IOException if the operating system reports an error other than an interrupted wait
   */
  int poll(long timeoutNanos, PollEvents events) throws IOException;

  /**
   * Makes a poll in progress (or the next one, if none is) return promptly. Thread-safe; calls
   * before the next poll coalesce into one early return. Does nothing once closed.
   */
  void wakeup();

  /**
   * Releases the poller's own descriptors and invalidates all its keys. It does not close the
   * registered handles. Idempotent.
   */
  @Override
  void close();

  /**
   * Checks the interest given to {@link #register} or {@link #modify}: a bit set of {@link #READ}
   * and {@link #WRITE}, 0 included. For backends, so that every one rejects the same values with
   * the same message. Thread-safe.
   *
   * @throws IllegalArgumentException {@code "interest must be bits of READ (0x1) and WRITE (0x4),
   *     got 0x…"} if it has any other bit
   */
  static void checkInterest(int interest) {
    if ((interest & ~(READ | WRITE)) != 0) {
      throw new IllegalArgumentException("interest must be bits of READ (0x1) and WRITE (0x4), "
          + "got 0x" + Integer.toHexString(interest));
    }
  }

  /**
   * The handle given to {@link #register} as the handle type of the backend's own transport. For
   * backends, so that every one rejects a foreign handle the same way. Thread-safe.
   *
   * @param type the class of the handles the backend's transport makes
   * @param backend the backend's name, for the message ({@code "nio"}, {@code "epoll-jna"})
   * @throws IllegalArgumentException {@code "the <backend> poller accepts only handles made by the
   *     <backend> transport, not <class>"} if {@code handle} is null or not of that type
   */
  static <H extends PollHandle> H ownHandle(PollHandle handle, Class<H> type, String backend) {
    if (!type.isInstance(handle)) {
      throw new IllegalArgumentException("the " + backend + " poller accepts only handles made by "
          + "the " + backend + " transport, not "
          + (handle == null ? "null" : handle.getClass().getName()));
    }
    return type.cast(handle);
  }

  /**
   * Checks that a handle may be registered: it has no live registration and it is open. For
   * backends, after they have checked that the poller is open; called where {@link #register} is.
   *
   * @param current the handle's current registration, or null if it has none
   * @throws AlreadyRegisteredException if {@code current} is still valid
   * @throws IllegalStateException {@code "cannot register a closed handle: <handle>"} if the
   *     handle is closed
   */
  static void checkRegistrable(PollHandle handle, PollKey current) {
    if (current != null && current.isValid()) {
      throw new AlreadyRegisteredException(handle);
    }
    if (!handle.isOpen()) {
      throw new IllegalStateException("cannot register a closed handle: " + handle);
    }
  }
}
