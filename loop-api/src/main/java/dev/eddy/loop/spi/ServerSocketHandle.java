package dev.eddy.loop.spi;

import java.io.IOException;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Files;
import org.slf4j.Logger;

/**
 * A listening socket made by {@link Transport#listen}. It reports READ while a connection waits
 * to be accepted. Closing a Unix-domain listener removes its socket file, so that the path can be
 * bound again. Threading: one thread at a time, normally the loop's.
 */
public interface ServerSocketHandle extends PollHandle {

  /**
   * Accepts one pending connection. The new socket is non-blocking and already connected.
   *
   * @return the accepted socket, or null if none is pending
   * @throws IOException if the listener is closed, or the operating system reports an error (for
   *     example too many open files); the message names it
   */
  SocketHandle accept() throws IOException;

  /**
   * The bound address; for port 0 it carries the port the operating system chose. Null once
   * closed.
   */
  SocketAddress localAddress();

  /**
   * Removes the socket file a Unix-domain listener was bound to, for backends as the listener
   * closes: the file outlives the socket, and the path cannot be bound again while it is there.
   * A file already gone is no error; a failure is logged at WARN, not thrown, for the listener is
   * closed all the same. Called by the thread closing the listener.
   *
   * @param path the listener's address, or null (not a Unix-domain listener: nothing to do)
   * @param listener the listener, for the log
   * @param log the listener's logger
   */
  static void removeSocketFile(UnixDomainSocketAddress path, ServerSocketHandle listener,
      Logger log) {
    if (path == null) {
      return;
    }
    try {
      Files.deleteIfExists(path.getPath());
    } catch (IOException e) {
      log.warn("cannot remove the socket file of {}", listener, e);
    }
  }
}
