package dev.eddy.web.websocket;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.eddy.http.HttpClientException;
import dev.eddy.loop.IOLoop;
import dev.eddy.testing.AsyncTestContext;
import dev.eddy.testing.AsyncTimeout;
import dev.eddy.testing.EddyLoopTest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Eddy's client against a Tornado 6 WebSocket echo server run by /usr/bin/python3 (the system
 * Python, which has Tornado; the one on PATH may not). Skipped, with the reason, when that Python
 * cannot import tornado. The server process is killed after each test. Each test has a loop of its
 * own ({@link EddyLoopTest}, on the default backend) and waits for each step at most 20 s.
 */
@EddyLoopTest
@AsyncTimeout(20)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TornadoWebSocketInteropTest {

  static final String PYTHON = "/usr/bin/python3";
  static final String SERVER = String.join("\n",
      "import sys, asyncio",
      "import tornado.web, tornado.websocket, tornado.httpserver, tornado.netutil",
      "compress = sys.argv[1] == '1'",
      "class Echo(tornado.websocket.WebSocketHandler):",
      "    def get_compression_options(self):",
      "        return {} if compress else None",
      "    def select_subprotocol(self, subprotocols):",
      "        return subprotocols[0] if subprotocols else None",
      "    async def on_message(self, m):",
      "        if isinstance(m, str) and m.startswith('close '):",
      "            _, code, reason = m.split(' ', 2)",
      "            self.close(int(code), reason)",
      "            return",
      "        await self.write_message(m, binary=isinstance(m, bytes))",
      "class Deny(tornado.web.RequestHandler):",
      "    def get(self):",
      "        raise tornado.web.HTTPError(403)",
      "async def main():",
      "    app = tornado.web.Application([(r'/echo', Echo), (r'/deny', Deny)])",
      "    socks = tornado.netutil.bind_sockets(0, '127.0.0.1')",
      "    tornado.httpserver.HTTPServer(app).add_sockets(socks)",
      "    print(socks[0].getsockname()[1], flush=True)",
      "    await asyncio.Event().wait()",
      "asyncio.run(main())",
      "");

  Process process;
  IOLoop loop;
  AsyncTestContext async;

  @BeforeAll
  static void needTornado() throws Exception {
    boolean ok;
    try {
      Process p = new ProcessBuilder(PYTHON, "-c", "import tornado").redirectErrorStream(true)
          .start();
      p.getInputStream().readAllBytes();
      ok = p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      ok = false;
    }
    assumeTrue(ok, PYTHON + " -c 'import tornado' failed: no Tornado to test against");
  }

  @BeforeEach
  void setUp(AsyncTestContext async) {
    this.async = async;
    loop = async.loop();
  }

  /** Starts the echo server; its URL base ws://127.0.0.1:port. */
  String start(boolean compress) throws Exception {
    Path script = Files.createTempFile("eddy-ws-echo", ".py");
    Files.writeString(script, SERVER);
    script.toFile().deleteOnExit();
    process = new ProcessBuilder(PYTHON, script.toString(), compress ? "1" : "0")
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    BufferedReader r = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII));
    String port = r.readLine();
    assertNotNull(port, "the Tornado server printed no port");
    return "ws://127.0.0.1:" + port.trim();
  }

  /** Kills the server; the loop ends after this, with the test (EddyLoopTest). */
  @AfterEach
  void stop() throws Exception {
    if (process != null) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
      process.getInputStream().close();
      process.getOutputStream().close();
    }
  }

  WebSocketConnection connect(String url, WebSocketOptions o) {
    return async.await(() -> WebSocket.connect(loop, url, o, null, List.of("chat"), null));
  }

  @Test
  void textBinaryAndOneMebibyte() throws Exception {
    String base = start(false);
    WebSocketConnection c = connect(base + "/echo", WebSocketOptions.DEFAULTS);
    assertEquals("chat", c.subprotocol());
    assertNull(c.deflateParams());
    c.writeMessage("hello, tornado ✓");
    assertEquals("hello, tornado ✓", async.await(c.readMessage()));
    byte[] small = {0, 1, 2, (byte) 255};
    c.writeMessage(small);
    assertArrayEquals(small, (byte[]) async.await(c.readMessage()));
    byte[] big = new byte[1 << 20];
    new Random(3).nextBytes(big);
    c.writeMessage(big);
    assertArrayEquals(big, (byte[]) async.await(c.readMessage()));
    closeFromClient(c);
  }

  @Test
  void permessageDeflate() throws Exception {
    String base = start(true);
    WebSocketConnection c = connect(base + "/echo",
        WebSocketOptions.DEFAULTS.withCompression(DeflateOptions.DEFAULTS));
    assertNotNull(c.deflateParams());
    String text = "squeeze me, ".repeat(20_000);
    for (int i = 0; i < 3; i++) {
      c.writeMessage(text);
      assertEquals(text, async.await(c.readMessage()));
    }
    c.writeMessage("");
    assertEquals("", async.await(c.readMessage()));
    byte[] big = new byte[1 << 20];
    new Random(4).nextBytes(big);
    c.writeMessage(big);
    assertArrayEquals(big, (byte[]) async.await(c.readMessage()));
    closeFromClient(c);
  }

  @Test
  void serverCloseCodeAndReason() throws Exception {
    String base = start(false);
    WebSocketConnection c = connect(base + "/echo", WebSocketOptions.DEFAULTS);
    CompletableFuture<String> closed = new CompletableFuture<>();
    c.onClose((code, reason) -> closed.complete(code + " " + reason));
    c.writeMessage("close 4002 see you");
    assertEquals("4002 see you", async.await(closed));
    assertNull(async.await(c.readMessage()));
  }

  @Test
  void httpErrorAnswerFailsWithItsStatus() throws Exception {
    String base = start(false);
    CompletionException e = assertThrows(CompletionException.class,
        () -> connect(base + "/deny", WebSocketOptions.DEFAULTS));
    HttpClientException h = assertInstanceOf(HttpClientException.class, e.getCause());
    assertEquals(403, h.code());
    e = assertThrows(CompletionException.class,
        () -> connect(base + "/nowhere", WebSocketOptions.DEFAULTS));
    assertEquals(404, assertInstanceOf(HttpClientException.class, e.getCause()).code());
  }

  /** Client-initiated close: Tornado echoes the code, then the stream closes. */
  void closeFromClient(WebSocketConnection c) {
    CompletableFuture<String> closed = new CompletableFuture<>();
    c.onClose((code, reason) -> closed.complete(String.valueOf(code)));
    c.close(4001, "done");
    assertEquals("4001", async.await(closed));
  }
}
