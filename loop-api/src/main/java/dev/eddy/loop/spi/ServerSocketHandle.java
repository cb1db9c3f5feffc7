package dev.eddy.loop.spi;

import java.io.IOException;
import java.net.SocketAddress;

/**
 * A listening socket made by {@link Transport#listen}. It reports READ while a connection waits
 * to be accepted. Threading: one thread at a time, normally the loop's.
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
}
