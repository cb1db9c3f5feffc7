package dev.eddy.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.eddy.loop.IOLoop;
import dev.eddy.loop.PollerSelection;
import dev.eddy.loop.spi.PollerProvider;
import dev.eddy.loop.tck.ResourceLeakCheck;
import dev.eddy.stream.Stdio;
import dev.eddy.stream.Subprocess;
import dev.eddy.stream.SubprocessOptions;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Python's Tornado (Debian's {@code python3-tornado}) as a real peer, on one backend: (a) a small
 * Tornado server, started as a subprocess that prints its port, answers {@link AsyncHttpClient}
 * (GET, POST echo with a checksum, chunked and gzipped responses flushed piece by piece,
 * redirects, a 5 MiB body, keep-alive, a chunked upload); (b) Tornado's blocking {@code
 * HTTPClient} (its simple_httpclient) runs a script against our {@link HttpServer} (GET, POST, a
 * chunked upload through {@code body_producer}, large bodies with checksums). The scripts are
 * written to a temporary directory; every process is killed at the end of its test.
 *
 * <p>The cases are skipped, saying why, only when no {@code python3} can {@code import tornado}
 * ({@code .ci/run} installs {@code python3-tornado}). Besides the {@code python3} on the path,
 * {@code /usr/bin/python3} is tried: where a version manager shadows the system's Python, Debian's
 * package is only seen by the latter.
 */
@ExtendWith(ResourceLeakCheck.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
abstract class TornadoInteropCases {

  abstract String backend();

  static final int LARGE = 5 * 1024 * 1024;

  static String python;
  static Path scripts;

  IOLoop loop;
  AsyncHttpClient client;
  HttpServer server;
  final List<Subprocess> processes = new ArrayList<>();

  @BeforeAll
  static void findPythonWithTornado() throws IOException {
    PollerSelection.all().forEach(PollerProvider::isAvailable);
    python = null;
    for (String candidate : List.of("python3", "/usr/bin/python3")) {
      if (importsTornado(candidate)) {
        python = candidate;
        break;
      }
    }
    if (python != null) {
      scripts = Files.createTempDirectory("eddy-tornado-");
      Files.writeString(scripts.resolve("server.py"), SERVER_PY);
      Files.writeString(scripts.resolve("client.py"), CLIENT_PY);
    }
  }

  @AfterAll
  static void deleteScripts() throws IOException {
    if (scripts != null) {
      Files.deleteIfExists(scripts.resolve("server.py"));
      Files.deleteIfExists(scripts.resolve("client.py"));
      Files.deleteIfExists(scripts);
      scripts = null;
    }
  }

  private static boolean importsTornado(String program) {
    try {
      Process p = new ProcessBuilder(program, "-c", "import tornado")
          .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .redirectError(ProcessBuilder.Redirect.DISCARD).start();
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor();
        return false;
      }
      return p.exitValue() == 0;
    } catch (IOException e) {
      return false; // no such program
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @BeforeEach
  void open() {
    assumeTrue(python != null, "python3 cannot import tornado: install python3-tornado "
        + "(apt-get install -y python3-tornado; .ci/run does)");
    loop = Backends.loop(backend());
    client = new AsyncHttpClient(loop);
  }

  @AfterEach
  void close() {
    if (loop == null) {
      return;
    }
    client.close();
    for (Subprocess p : processes) {
      p.kill();
      if (p.stdout() != null) {
        p.stdout().close();
      }
      if (p.stderr() != null) {
        p.stderr().close();
      }
      loop.runSync(() -> p.waitForExit(false), Duration.ofSeconds(30));
    }
    if (server != null) {
      server.stop();
      loop.runSync(server::closeAllConnections, Duration.ofSeconds(10));
    }
    loop.close(true);
  }

  <T> T await(CompletionStage<T> f) {
    return loop.runSync(() -> f, Duration.ofSeconds(60));
  }

  HttpResponse fetch(HttpRequest r) {
    return loop.runSync(() -> client.fetch(r), Duration.ofSeconds(60));
  }

  static byte[] pattern(int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) ((i * 7 + 3) % 251);
    }
    return b;
  }

  static String sha256(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  // ------------------------------------------------------- (a) our client, Tornado's server

  /** Starts the Tornado server; its base URL. */
  String tornado() {
    Subprocess p;
    try {
      p = Subprocess.start(loop, List.of(python, scripts.resolve("server.py").toString()),
          SubprocessOptions.DEFAULTS.withStdin(Stdio.DISCARD).withStdout(Stdio.STREAM)
              .withStderr(Stdio.INHERIT));
    } catch (IOException e) {
      throw new AssertionError("cannot start " + python, e);
    }
    processes.add(p);
    byte[] line = await(p.stdout().readUntil(new byte[] {'\n'}, 64));
    String port = new String(line, StandardCharsets.US_ASCII).trim();
    return "http://127.0.0.1:" + Integer.parseInt(port);
  }

  @Test
  void getFromTornado() {
    String base = tornado();
    HttpResponse r = fetch(HttpRequest.get(base + "/hello?name=eddy"));
    assertEquals(200, r.code());
    assertEquals("hello eddy", r.bodyText());
    assertTrue(r.header("Server").startsWith("TornadoServer/"), r.header("Server"));
  }

  @Test
  void postEchoWithChecksum() {
    String base = tornado();
    byte[] data = new byte[1_000_000];
    new Random(11).nextBytes(data);
    HttpResponse r = fetch(HttpRequest.post(base + "/echo", data));
    assertArrayEquals(data, r.body());
    assertEquals(sha256(data), r.header("X-Sha256"));
    assertEquals("POST", r.header("X-Method"));
    assertEquals("length", r.header("X-Framing"));
  }

  @Test
  void chunkedUploadToTornado() {
    String base = tornado();
    List<byte[]> parts = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      parts.add(pattern(1000 + i * 5000));
    }
    HttpRequest req = HttpRequest.builder(base + "/echo").method("PUT").bodyProducer(write -> {
      CompletableFuture<Void> f = CompletableFuture.completedFuture(null);
      for (byte[] part : parts) {
        f = f.thenCompose(v -> write.write(part));
      }
      return f;
    }).build();
    HttpResponse r = fetch(req);
    assertEquals("chunked", r.header("X-Framing"));
    ByteArrayOutputStream whole = new ByteArrayOutputStream();
    parts.forEach(whole::writeBytes);
    assertEquals(sha256(whole.toByteArray()), r.header("X-Sha256"));
    assertArrayEquals(whole.toByteArray(), r.body());
  }

  @Test
  void chunkedGzippedFlushesFromTornado() {
    String base = tornado();
    HttpResponse r = fetch(HttpRequest.get(base + "/chunks?n=300"));
    assertEquals("chunked", r.header("Transfer-Encoding"));
    assertEquals("gzip", r.header("X-Consumed-Content-Encoding"),
        "Tornado compresses text/html flushed in pieces");
    StringBuilder expected = new StringBuilder();
    for (int i = 0; i < 300; i++) {
      expected.append("chunk ").append(i).append('\n');
    }
    assertEquals(expected.toString(), r.bodyText());

    r = fetch(HttpRequest.builder(base + "/chunks?n=5").decompress(false).build());
    assertNull(r.header("Content-Encoding"), "nothing compressed when not asked for");
    assertEquals("chunk 0\nchunk 1\nchunk 2\nchunk 3\nchunk 4\n", r.bodyText());
  }

  @Test
  void gzippedTextFromTornado() {
    String base = tornado();
    HttpResponse r = fetch(HttpRequest.get(base + "/text"));
    assertEquals("gzip", r.header("X-Consumed-Content-Encoding"));
    assertEquals("Eddy and Tornado, ".repeat(4000), r.bodyText());
  }

  @Test
  void redirectsFromTornado() {
    String base = tornado();
    HttpResponse r = fetch(HttpRequest.get(base + "/redirect?status=302"));
    assertEquals("hello redirected", r.bodyText());
    assertEquals(base + "/hello?name=redirected", r.effectiveUrl());

    r = fetch(HttpRequest.post(base + "/redirect?status=307", "kept"));
    assertEquals("POST", r.header("X-Method"));
    assertEquals("kept", r.bodyText());

    r = fetch(HttpRequest.post(base + "/redirect?status=303", "dropped"));
    assertEquals("echo GET", r.bodyText());
  }

  @Test
  void largeBodyFromTornado() throws NoSuchAlgorithmException {
    String base = tornado();
    HttpResponse r = fetch(HttpRequest.get(base + "/large"));
    assertEquals(LARGE, r.bodyLength());
    String sha = sha256(pattern(LARGE));
    assertEquals(sha, r.header("X-Sha256"));
    assertEquals(sha, sha256(r.body()));

    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    long[] total = {0};
    r = fetch(HttpRequest.builder(base + "/large").streamingCallback(chunk -> {
      digest.update(chunk);
      total[0] += chunk.length;
      return null;
    }).build());
    assertEquals(LARGE, total[0]);
    assertEquals(sha, HexFormat.of().formatHex(digest.digest()));
  }

  @Test
  void keepAliveWithTornado() {
    String base = tornado();
    String first = fetch(HttpRequest.get(base + "/port")).bodyText();
    String second = fetch(HttpRequest.get(base + "/port")).bodyText();
    assertEquals(first, second, "one connection for both");
    assertEquals(1, client.idleConnectionCount());
  }

  // ------------------------------------------------------- (b) Tornado's client, our server

  private static CompletionStage<?> answer(HttpServerRequest req) {
    HttpHeaders h = new HttpHeaders();
    switch (req.path()) {
      case "/hello":
        return req.respond(200, "hello tornado");
      case "/sha": {
        String te = req.headers().get("Transfer-Encoding");
        return req.respond(200, req.body().length + " " + sha256(req.body()) + " "
            + (te != null ? te : "length"));
      }
      case "/large": {
        byte[] data = pattern(Integer.parseInt(req.queryArguments().get("n").get(0)));
        h.set("X-Sha256", sha256(data));
        h.set("Content-Type", "application/octet-stream");
        return req.respond(200, h, data);
      }
      case "/chunks": {
        int n = Integer.parseInt(req.queryArguments().get("n").get(0));
        CompletableFuture<Void> f = req.writeHead(200, h);
        for (int i = 0; i < n; i++) {
          byte[] line = ("line " + i + "\n").getBytes(StandardCharsets.US_ASCII);
          f = f.thenCompose(v -> req.write(line));
        }
        return f.thenCompose(v -> req.finish());
      }
      default:
        return req.respond(404, "no route\n");
    }
  }

  /** Runs the Tornado client script with {@code mode} against our server; its output lines. */
  List<String> tornadoClient(String mode) throws IOException {
    server = new HttpServer(loop, TornadoInteropCases::answer);
    int port = ((InetSocketAddress) server.listen(0, "127.0.0.1").get(0)).getPort();
    Subprocess p = Subprocess.start(loop, List.of(python, scripts.resolve("client.py").toString(),
        "http://127.0.0.1:" + port, mode), SubprocessOptions.DEFAULTS.withStdin(Stdio.DISCARD)
            .withStdout(Stdio.STREAM).withStderr(Stdio.STREAM));
    processes.add(p);
    String[] outErr = loop.runSync(() -> {
      CompletableFuture<byte[]> out = p.stdout().readUntilClose();
      CompletableFuture<byte[]> err = p.stderr().readUntilClose();
      return p.waitForExit(false).thenCompose(code -> out.thenCombine(err, (o, e) ->
          new String[] {String.valueOf(code), new String(o, StandardCharsets.UTF_8),
              new String(e, StandardCharsets.UTF_8)}));
    }, Duration.ofSeconds(90));
    assertEquals("0", outErr[0], () -> "the Tornado client failed:\n" + outErr[2]);
    return List.of(outErr[1].split("\n"));
  }

  @Test
  void tornadoClientGetsAndPosts() throws IOException {
    List<String> lines = tornadoClient("basic");
    assertEquals("get 200 hello tornado", lines.get(0));
    byte[] data = pattern(1_000_000);
    assertEquals("post " + data.length + " " + sha256(data) + " length", lines.get(1));
    ByteArrayOutputStream whole = new ByteArrayOutputStream();
    for (int i = 0; i < 20; i++) {
      whole.writeBytes(pattern(1000 + i * 5000));
    }
    byte[] all = whole.toByteArray();
    assertEquals("chunked " + all.length + " " + sha256(all) + " chunked", lines.get(2),
        "a body_producer upload is chunked");
    assertEquals("missing 404", lines.get(3));
    assertEquals(4, lines.size(), String.join("\n", lines));
  }

  @Test
  void tornadoClientMovesLargeBodies() throws IOException {
    List<String> lines = tornadoClient("large");
    String sha = sha256(pattern(LARGE));
    assertEquals("large " + LARGE + " " + sha + " " + sha, lines.get(0));
    byte[] up = pattern(3 * 1024 * 1024 + 17);
    assertEquals("upload " + up.length + " " + sha256(up) + " length", lines.get(1));
    // A streamed response, whole. (To a client that sends "Connection: close", as Tornado's
    // simple client does, HttpServer delimits it by closing rather than chunking.)
    assertTrue(lines.get(2).startsWith("chunks 500 "), lines.get(2));
    assertEquals(3, lines.size(), String.join("\n", lines));
  }

  // ------------------------------------------------------------------------------ scripts

  static final String SERVER_PY = """
      import asyncio
      import hashlib

      import tornado.httpserver
      import tornado.netutil
      import tornado.web

      PATTERN = bytes((i * 7 + 3) % 251 for i in range(251))
      LARGE = (PATTERN * (5 * 1024 * 1024 // 251 + 1))[:5 * 1024 * 1024]
      LARGE_SHA = hashlib.sha256(LARGE).hexdigest()
      TEXT = "Eddy and Tornado, " * 4000


      class Hello(tornado.web.RequestHandler):
          def get(self):
              self.write("hello " + self.get_argument("name", "world"))


      class Echo(tornado.web.RequestHandler):
          def get(self):
              self.write("echo GET")

          def post(self):
              body = self.request.body
              self.set_header("Content-Type", "application/octet-stream")
              self.set_header("X-Sha256", hashlib.sha256(body).hexdigest())
              self.set_header("X-Method", self.request.method)
              self.set_header("X-Framing",
                              self.request.headers.get("Transfer-Encoding", "length"))
              self.write(body)

          put = post


      class Chunks(tornado.web.RequestHandler):
          async def get(self):
              for i in range(int(self.get_argument("n", "10"))):
                  self.write("chunk %d\\n" % i)
                  await self.flush()


      class Redirect(tornado.web.RequestHandler):
          def get(self):
              self.redirect("/hello?name=redirected",
                            status=int(self.get_argument("status", "302")))

          def post(self):
              self.redirect("/echo", status=int(self.get_argument("status", "307")))


      class Large(tornado.web.RequestHandler):
          def get(self):
              self.set_header("Content-Type", "application/octet-stream")
              self.set_header("X-Sha256", LARGE_SHA)
              self.write(LARGE)


      class Text(tornado.web.RequestHandler):
          def get(self):
              self.set_header("Content-Type", "text/plain; charset=utf-8")
              self.write(TEXT)


      class Port(tornado.web.RequestHandler):
          def get(self):
              self.write(str(self.request.connection.stream.socket.getpeername()[1]))


      async def main():
          app = tornado.web.Application([
              (r"/hello", Hello), (r"/echo", Echo), (r"/chunks", Chunks),
              (r"/redirect", Redirect), (r"/large", Large), (r"/text", Text),
              (r"/port", Port),
          ], compress_response=True)
          server = tornado.httpserver.HTTPServer(app)
          sockets = tornado.netutil.bind_sockets(0, "127.0.0.1")
          server.add_sockets(sockets)
          print(sockets[0].getsockname()[1], flush=True)
          await asyncio.Event().wait()


      asyncio.run(main())
      """;

  static final String CLIENT_PY = """
      import hashlib
      import sys

      from tornado.httpclient import HTTPClient, HTTPClientError

      base, mode = sys.argv[1], sys.argv[2]
      PATTERN = bytes((i * 7 + 3) % 251 for i in range(251))


      def pattern(n):
          return (PATTERN * (n // 251 + 1))[:n]


      def sha(data):
          return hashlib.sha256(data).hexdigest()


      client = HTTPClient()
      try:
          if mode == "basic":
              r = client.fetch(base + "/hello")
              print("get", r.code, r.body.decode())
              r = client.fetch(base + "/sha", method="POST", body=pattern(1000000))
              print("post", r.body.decode())
              parts = [pattern(1000 + i * 5000) for i in range(20)]

              async def producer(write):
                  for p in parts:
                      await write(p)

              r = client.fetch(base + "/sha", method="PUT", body_producer=producer)
              print("chunked", r.body.decode())
              try:
                  client.fetch(base + "/missing")
                  print("missing no error")
              except HTTPClientError as e:
                  print("missing", e.code)
          else:
              r = client.fetch(base + "/large?n=%d" % (5 * 1024 * 1024))
              print("large", len(r.body), sha(r.body), r.headers["X-Sha256"])
              r = client.fetch(base + "/sha", method="POST", body=pattern(3 * 1024 * 1024 + 17))
              print("upload", r.body.decode())
              r = client.fetch(base + "/chunks?n=500")
              lines = r.body.decode().splitlines()
              ok = lines == ["line %d" % i for i in range(500)]
              print("chunks", len(lines) if ok else "mismatch",
                    r.headers.get("Transfer-Encoding"))
      finally:
          client.close()
      """;
}
