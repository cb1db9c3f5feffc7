package dev.eddy.examples.chat;

import dev.eddy.examples.BundledFiles;
import dev.eddy.http.HttpServer;
import dev.eddy.http.HttpServerOptions;
import dev.eddy.stream.LoopGroup;
import dev.eddy.stream.TcpServerGroup;
import dev.eddy.web.Application;
import dev.eddy.web.SecretSource;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * {@link ChatApp} running: its files copied out of the jar to a temporary directory (Eddy's
 * template and static settings read the file system), one loop on a thread of its own, a server
 * on {@code 127.0.0.1}, and a random cookie secret made at start (so nicknames are chosen again
 * after a restart). {@link #close()} stops it all and deletes the copies.
 *
 * <p>Threading: start and close it from one thread; the chat itself runs on the loop's thread.
 */
public final class ChatServer implements AutoCloseable {

  private final BundledFiles files;
  private final LoopGroup loops;
  private final TcpServerGroup servers;
  private final int port;

  private ChatServer(BundledFiles files, LoopGroup loops, TcpServerGroup servers) {
    this.files = files;
    this.loops = loops;
    this.servers = servers;
    this.port = ((InetSocketAddress) servers.addresses().get(0)).getPort();
  }

  /**
   * Starts the chat on {@code 127.0.0.1:port} (0: any free port) on the backend {@link
   * dev.eddy.loop.IOLoop#create()} would choose.
   *
   * @throws IOException if the port cannot be bound
   */
  public static ChatServer start(int port) throws IOException {
    BundledFiles files = BundledFiles.copy("chat", ChatApp.FILES);
    LoopGroup loops = null;
    try {
      loops = LoopGroup.start(1);
      Application app = ChatApp.create(files.dir(), SecretSource.of(randomSecret()));
      TcpServerGroup servers = HttpServer.listenOnGroup(loops, port, "127.0.0.1", loop -> app,
          HttpServerOptions.DEFAULTS);
      return new ChatServer(files, loops, servers);
    } catch (IOException | RuntimeException e) {
      if (loops != null) {
        loops.close();
      }
      files.close();
      throw e;
    }
  }

  private static String randomSecret() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return Base64.getEncoder().encodeToString(key);
  }

  /** The page's URL, {@code http://127.0.0.1:<port>/}. */
  public String url() {
    return "http://127.0.0.1:" + port + "/";
  }

  /** The port it listens on. */
  public int port() {
    return port;
  }

  /** The backend of the loop serving the chat (its {@code pollerName()}). */
  public String backend() {
    return loops.loops().get(0).pollerName();
  }

  /** Stops listening, closes the loop with every open connection, deletes the copied files. */
  @Override
  public void close() {
    try {
      servers.stop();
    } finally {
      try {
        loops.close();
      } finally {
        files.close();
      }
    }
  }
}
