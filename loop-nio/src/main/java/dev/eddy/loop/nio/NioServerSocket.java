package dev.eddy.loop.nio;

import dev.eddy.loop.spi.Poller;
import dev.eddy.loop.spi.ServerSocketHandle;
import dev.eddy.loop.spi.SheddingLog;
import dev.eddy.loop.spi.SocketHandle;
import java.io.IOException;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A listening {@link ServerSocketChannel}; READ is {@code OP_ACCEPT}, it is never writable.
 * Threading: one thread at a time, normally the loop's.
 *
 * <p><b>Out of descriptors.</b> When the process has none left ({@code EMFILE}, {@code ENFILE}),
 * {@code accept} fails, the pending connection stays in the backlog and the listener stays
 * readable: a level-triggered loop would spin. So, as the epoll-jna backend does, the listener
 * keeps one spare descriptor (a {@link FileChannel} on {@code /dev/null}); when {@code accept}
 * fails for want of descriptors it closes the spare, accepts the connection into the freed number,
 * closes it at once (the client sees the connection closed or reset) and takes the spare again,
 * and {@link #accept()} returns null. Each readiness then makes progress, existing connections
 * keep being served, and accepting resumes by itself as soon as descriptors are free. The drops
 * are counted and logged by a {@link SheddingLog}.
 *
 * <p>The JDK says why {@code accept} failed only through strerror's text: "Too many open files"
 * (in a locale whose messages are English) means out of descriptors; for any other message the
 * listener asks the system by opening one more descriptor, and rethrows the error if that works.
 * Without {@code /dev/null} (not a Unix system) there is no spare, and the error is thrown.
 */
final class NioServerSocket extends NioHandle implements ServerSocketHandle {

  private static final Logger log = LoggerFactory.getLogger(NioServerSocket.class);
  private static final Path DEV_NULL = Path.of("/dev/null");

  private final ServerSocketChannel ch;
  private final UnixDomainSocketAddress unixPath;
  private final SheddingLog shedding = new SheddingLog(log);
  /** The descriptor held back for shedding, or null if it could not be opened (yet). */
  private FileChannel spare;

  /** @param unixPath the socket file to remove on close, for a Unix-domain listener */
  NioServerSocket(ServerSocketChannel ch, UnixDomainSocketAddress unixPath) {
    this.ch = ch;
    this.unixPath = unixPath;
    this.spare = openSpare();
  }

  @Override
  SelectableChannel channel() {
    return ch;
  }

  @Override
  int selectorOps(int interest) {
    return (interest & Poller.READ) != 0 ? SelectionKey.OP_ACCEPT : 0;
  }

  @Override
  public SocketHandle accept() throws IOException {
    SocketChannel accepted;
    try {
      accepted = ch.accept();
    } catch (ClosedChannelException e) {
      throw new IOException("listener is closed: " + this, e);
    } catch (IOException e) {
      if (!outOfDescriptors(e)) {
        throw e;
      }
      return dropOne(e);
    }
    if (accepted == null) {
      return null;
    }
    try {
      accepted.configureBlocking(false);
    } catch (IOException e) {
      accepted.close();
      throw e;
    }
    return new NioSocket(accepted, null);
  }

  /** Sheds one pending connection through the spare descriptor; see the class comment. */
  private SocketHandle dropOne(IOException cause) throws IOException {
    if (spare == null) {
      spare = openSpare();
      if (spare == null) {
        throw cause; // not even one descriptor (or no /dev/null): let the caller see
      }
    }
    closeSpare(spare); // frees exactly one descriptor
    spare = null;
    SocketChannel victim = null;
    try {
      victim = ch.accept(); // non-blocking: null if the client went away meanwhile
    } catch (IOException stillOut) {
      // Another thread took the freed number first; the next readiness tries again.
    }
    if (victim != null) {
      try {
        victim.close();
      } catch (IOException e) {
        log.debug("closing a dropped connection failed", e);
      }
      shedding.dropped();
    }
    spare = openSpare();
    shedding.report(this, "accept", cause.getMessage());
    return null;
  }

  private static boolean outOfDescriptors(IOException e) {
    String message = e.getMessage();
    if (message != null && message.startsWith("Too many open files")) {
      return true; // EMFILE, or ENFILE: "Too many open files in system"
    }
    FileChannel probe = openSpare();
    if (probe == null) {
      return true;
    }
    closeSpare(probe);
    return false;
  }

  /** One descriptor on /dev/null, or null if none can be had. */
  private static FileChannel openSpare() {
    try {
      return FileChannel.open(DEV_NULL);
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return null;
    }
  }

  private static void closeSpare(FileChannel spare) {
    try {
      spare.close();
    } catch (IOException e) {
      log.debug("closing the spare descriptor failed", e);
    }
  }

  @Override
  public SocketAddress localAddress() {
    try {
      return ch.getLocalAddress();
    } catch (IOException closed) {
      return null;
    }
  }

  @Override
  public void close() throws IOException {
    unregister();
    if (spare != null) {
      closeSpare(spare);
      spare = null;
    }
    boolean wasOpen = ch.isOpen();
    ch.close();
    if (wasOpen) {
      ServerSocketHandle.removeSocketFile(unixPath, this, log);
    }
  }

  @Override
  public String toString() {
    SocketAddress local = localAddress();
    return "nio listener " + (local == null ? "(closed)" : local);
  }
}
