package dev.eddy.examples;

import dev.eddy.loop.IOLoop;
import dev.eddy.stream.TcpClient;
import dev.eddy.stream.TcpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * The README's stream snippet, kept compiling here: a line echo server and a client on one loop.
 */
public final class HelloStreams {

  private HelloStreams() {}

  public static void main(String[] args) throws IOException {
    // readme:begin streams
    IOLoop loop = IOLoop.create();
    TcpServer server = new TcpServer(loop, (stream, peer) ->      // one handler per connection
        stream.readUntil("\n".getBytes())                        // completes on the loop's thread
            .thenCompose(stream::write)                           // completes once in the kernel
            .whenComplete((v, e) -> stream.close()));
    int port = ((InetSocketAddress) server.listen(0, "127.0.0.1").get(0)).getPort();
    String echoed = loop.runSync(() -> new TcpClient(loop).connect("localhost", port)
        .thenCompose(c -> c.write("hi\n".getBytes()).thenCompose(v -> c.readUntil("\n".getBytes())))
        .thenApply(String::new), Duration.ofSeconds(5));
    // readme:end streams
    System.out.print("echoed: " + echoed);
    server.stop();
    loop.close(true);
  }
}
