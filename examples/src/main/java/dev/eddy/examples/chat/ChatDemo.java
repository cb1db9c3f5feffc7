package dev.eddy.examples.chat;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the chat ({@link ChatServer}) until interrupted, printing its URL and the backend the
 * loop runs on. Open the URL in two browsers (or a private window), pick nicknames, and talk.
 *
 * <pre>
 * java -cp examples/target/eddy-demo.jar dev.eddy.examples.chat.ChatDemo [--port N]
 * </pre>
 *
 * <p>The port defaults to 8888. Exit status 2 for bad flags, 1 if the server cannot start.
 */
public final class ChatDemo {

  static final String USAGE = "usage: ChatDemo [--port N]   (N from 0 to 65535; default 8888)";

  private ChatDemo() {}

  public static void main(String[] args) throws InterruptedException {
    int port;
    try {
      port = port(args);
    } catch (IllegalArgumentException e) {
      System.err.println("ChatDemo: " + e.getMessage());
      System.err.println(USAGE);
      System.exit(2);
      return;
    }
    ChatServer server;
    try {
      server = ChatServer.start(port);
    } catch (IOException | RuntimeException e) {
      System.err.println("ChatDemo cannot start: " + e);
      System.exit(1);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "chat-shutdown"));
    System.out.println("Eddy chat on backend '" + server.backend() + "'");
    System.out.println("Serving " + server.url() + " until interrupted (Ctrl-C).");
    new CountDownLatch(1).await();
  }

  /** The port of {@code --port N}, else 8888. */
  static int port(String[] args) {
    int port = 8888;
    for (int i = 0; i < args.length; i++) {
      if (!args[i].equals("--port") || i + 1 == args.length) {
        throw new IllegalArgumentException("unexpected argument: " + args[i]);
      }
      try {
        port = Integer.parseInt(args[++i]);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("not a port: " + args[i]);
      }
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("not a port: " + port);
      }
    }
    return port;
  }
}
