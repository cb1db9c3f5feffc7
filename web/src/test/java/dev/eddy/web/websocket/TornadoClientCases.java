package dev.eddy.web.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.eddy.http.HttpServer;
import dev.eddy.http.HttpServerOptions;
import dev.eddy.loop.IOLoop;
import dev.eddy.loop.PollerSelection;
import dev.eddy.loop.spi.PollerProvider;
import dev.eddy.loop.tck.ResourceLeakCheck;
import dev.eddy.stream.Subprocess;
import dev.eddy.stream.SubprocessOptions;
import dev.eddy.web.Application;
import dev.eddy.web.TornadoScript;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Python Tornado's {@code websocket_connect} client talking to an Eddy {@link WebSocketHandler}
 * on one backend, with and without permessage-deflate. Tornado runs as a subprocess of the
 * server's own loop ({@code /usr/bin/python3}, Debian's python3-tornado).
 */
@ExtendWith(ResourceLeakCheck.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
abstract class TornadoClientCases {

  abstract String backend();

  IOLoop loop;
  HttpServer server;
  String url;
  final CompletableFuture<String> closedWith = new CompletableFuture<>();

  static final String CLIENT = String.join("\n",
      "import asyncio, sys",
      "from tornado.websocket import websocket_connect",
      "async def main():",
      "    deflate = sys.argv[2] == 'deflate'",
      "    c = await websocket_connect(sys.argv[1],",
      "                                compression_options={} if deflate else None)",
      "    first = await c.read_message()",
      "    await c.write_message('hi ' * 2000)",
      "    echoed = await c.read_message()",
      "    await c.write_message(bytes(range(256)) * 100, binary=True)",
      "    blob = await c.read_message()",
      "    c.close(4001, 'tornado done')",
      "    print(first, len(echoed), echoed[:6], len(blob), blob == bytes(range(256)) * 100)",
      "asyncio.run(main())");

  final class Echo extends WebSocketHandler {
    @Override
    protected WebSocketOptions options() {
      return WebSocketOptions.DEFAULTS.withCompression(DeflateOptions.DEFAULTS);
    }

    @Override
    protected CompletionStage<?> open() {
      return writeMessage("welcome");
    }

    @Override
    protected CompletionStage<?> onMessage(Object message) {
      return message instanceof String ? writeMessage((String) message)
          : writeMessage((byte[]) message);
    }

    @Override
    protected void onClose() {
      closedWith.complete(closeCode() + " " + closeReason());
    }
  }

  @BeforeAll
  static void probeBackends() {
    PollerSelection.all().forEach(PollerProvider::isAvailable);
  }

  @BeforeEach
  void open() throws IOException {
    assumeTrue(TornadoScript.available(), TornadoScript.SKIP_REASON);
    loop = dev.eddy.web.WebBackends.loop(backend());
    server = new Application().add("/ws", Echo::new).listen(loop, 0, "127.0.0.1",
        HttpServerOptions.DEFAULTS);
    url = "ws://127.0.0.1:" + ((InetSocketAddress) server.addresses().get(0)).getPort() + "/ws";
  }

  @AfterEach
  void close() {
    if (server != null) {
      server.stop();
      loop.runSync(server::closeAllConnections, Duration.ofSeconds(10));
    }
    if (loop != null) {
      loop.close(true);
    }
  }

  private String runClient(String mode) throws IOException {
    Subprocess p = Subprocess.start(loop, List.of(TornadoScript.PYTHON, "-c", CLIENT, url, mode),
        SubprocessOptions.DEFAULTS.withStreams(false, true, true));
    return loop.runSync(() -> {
      CompletableFuture<byte[]> out = p.stdout().readUntilClose();
      CompletableFuture<byte[]> err = p.stderr().readUntilClose();
      return p.waitForExit(false).thenCompose(code -> out.thenCombine(err, (o, e) ->
          code + " " + new String(o, StandardCharsets.UTF_8).trim() + (code == 0 ? ""
              : " stderr: " + new String(e, StandardCharsets.UTF_8))));
    }, Duration.ofSeconds(30));
  }

  @Test
  void tornadosClientTalksToAnEddyHandler() throws IOException {
    assertEquals("0 welcome 6000 hi hi  25600 True", runClient("plain"));
    assertEquals("4001 tornado done", loop.runSync(() -> closedWith, Duration.ofSeconds(10)));
  }

  @Test
  void withPermessageDeflate() throws IOException {
    assertEquals("0 welcome 6000 hi hi  25600 True", runClient("deflate"));
  }
}
