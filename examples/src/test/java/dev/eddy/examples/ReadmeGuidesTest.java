package dev.eddy.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.http.HttpClient;
import dev.eddy.http.HttpClientException;
import dev.eddy.http.HttpRequest;
import dev.eddy.http.HttpServer;
import dev.eddy.loop.IOLoop;
import dev.eddy.web.Application;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Runs every program the README quotes (see {@link ReadmeSamplesTest}), and checks what it does.
 */
class ReadmeGuidesTest {

  /** The classes whose code the README may quote: each is run below. */
  static final Set<String> EXECUTED = Set.of("HelloWorld", "HelloLoop", "HelloStreams",
      "HelloHttp", "HelloClient", "HelloWeb", "HelloWebSocket", "HelloDeploy");

  private HttpClient http;

  @BeforeEach
  void client() {
    http = new HttpClient();
  }

  @AfterEach
  void close() {
    http.close();
  }

  /** Runs {@code loop} on a thread while {@code check} talks to {@code server}, then closes. */
  private void serving(IOLoop loop, HttpServer server, Check check) throws Exception {
    Thread thread = new Thread(loop::start, "readme-guide");
    thread.start();
    try {
      check.run("http://127.0.0.1:"
          + ((InetSocketAddress) server.addresses().get(0)).getPort());
    } finally {
      loop.addCallback(() -> {
        server.stop();
        loop.stop();
      });
      thread.join();
      loop.close(true);
    }
  }

  @FunctionalInterface
  interface Check {
    void run(String url) throws Exception;
  }

  private static String stdoutOf(Check program) throws Exception {
    PrintStream saved = System.out;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    try {
      program.run(null);
    } finally {
      System.setOut(saved);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void helloWorld() throws Exception {
    IOLoop loop = IOLoop.create();
    serving(loop, HelloWorld.serve(loop, 0),
        url -> assertEquals("Hello, world", http.fetch(url + "/").bodyText()));
  }

  @Test
  void theLoop() throws Exception {
    assertTrue(stdoutOf(url -> HelloLoop.main(new String[0])).startsWith("tick from "));
  }

  @Test
  void streams() throws Exception {
    assertEquals("echoed: hi\n", stdoutOf(url -> HelloStreams.main(new String[0])));
  }

  @Test
  void httpServer() throws Exception {
    IOLoop loop = IOLoop.create();
    serving(loop, HelloHttp.serve(loop, 0),
        url -> assertEquals("Hello, you\n", http.fetch(url + "/?name=you").bodyText()));
  }

  @Test
  void httpClient() throws Exception {
    assertEquals("200 hi POST\nhi GET\n", stdoutOf(url -> HelloClient.main(new String[0])));
  }

  @Test
  void webApplication() throws Exception {
    IOLoop loop = IOLoop.create();
    serving(loop, HelloWeb.serve(loop, 0), url -> {
      assertEquals("Hello, Ada", http.fetch(url + "/?name=Ada").bodyText());
      assertEquals("{\"id\":\"7\"}", http.fetch(url + "/users/7").bodyText());
      String post = http.fetch(url + "/post/3").bodyText();
      assertTrue(post.contains("\"url\":\"/post/3\""), post);
    });
  }

  @Test
  void webSocket() throws Exception {
    assertEquals("You said: hello", HelloWebSocket.run());
  }

  @Test
  void deployment() throws Exception {
    HelloDeploy.Deployment deployment = HelloDeploy.deploy(
        new Application().get("/", ctx -> ctx.request().remoteIp()), 0);
    String url;
    try (deployment) {
      url = "http://127.0.0.1:"
          + ((InetSocketAddress) deployment.servers().addresses().get(0)).getPort();
      assertEquals("203.0.113.9", http.fetch(HttpRequest.builder(url + "/")
          .header("X-Real-Ip", "203.0.113.9").build()).bodyText(),
          "xheaders: the address nginx passes on is the client's");
    }
    HttpClientException refused = assertThrows(HttpClientException.class,
        () -> http.fetch(url + "/"));
    assertEquals(599, refused.code(), "after close nothing listens");
  }
}
