package dev.eddy.examples.upload;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.examples.Served;
import dev.eddy.http.HttpClient;
import dev.eddy.http.HttpRequest;
import dev.eddy.http.HttpResponse;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Uploads, ranged downloads and the errors, in process. */
class UploadTest {

  @TempDir Path dir;
  private Served served;
  private HttpClient http;

  @BeforeEach
  void start() throws Exception {
    served = new Served(loop -> UploadApp.create(dir), UploadApp.serverOptions());
    http = new HttpClient();
  }

  @AfterEach
  void stop() {
    http.close();
    served.close();
  }

  static byte[] pattern(int size) {
    byte[] b = new byte[size];
    for (int i = 0; i < size; i++) {
      b[i] = (byte) (i * 31 + (i >>> 11));
    }
    return b;
  }

  private HttpResponse send(HttpRequest.Builder r) throws Exception {
    return http.fetch(r.raiseError(false).build());
  }

  @Test
  void anUploadIsStoredWholeAndComesBackInRanges() throws Exception {
    byte[] data = pattern(3 * 1024 * 1024 + 17);
    HttpResponse put = send(HttpRequest.builder(served.url() + "/upload/data.bin")
        .method("PUT").body(data));
    assertEquals(201, put.code(), put.bodyText());
    String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    assertTrue(put.bodyText().contains("\"sha256\":\"" + sha + "\""), put.bodyText());
    assertTrue(put.bodyText().contains("\"bytes\":" + data.length), put.bodyText());
    assertArrayEquals(data, Files.readAllBytes(dir.resolve("data.bin")));

    assertArrayEquals(data, send(HttpRequest.builder(served.url() + "/files/data.bin")).body());
    HttpResponse head = send(HttpRequest.builder(served.url() + "/files/data.bin")
        .header("Range", "bytes=100-199"));
    assertEquals(206, head.code());
    assertEquals("bytes 100-199/" + data.length, head.header("Content-Range"));
    assertArrayEquals(Arrays.copyOfRange(data, 100, 200), head.body());
    HttpResponse tail = send(HttpRequest.builder(served.url() + "/files/data.bin")
        .header("Range", "bytes=-10"));
    assertArrayEquals(Arrays.copyOfRange(data, data.length - 10, data.length), tail.body());
    assertEquals(416, send(HttpRequest.builder(served.url() + "/files/data.bin")
        .header("Range", "bytes=" + data.length + "-")).code());

    assertEquals("{\"data.bin\":" + data.length + "}",
        send(HttpRequest.builder(served.url() + "/")).bodyText());
  }

  @Test
  void aSecondUploadReplacesTheFirst() throws Exception {
    for (String text : new String[] {"first version", "second"}) {
      assertEquals(201, send(HttpRequest.builder(served.url() + "/upload/notes.txt")
          .method("PUT").body(text)).code());
    }
    assertEquals("second", Files.readString(dir.resolve("notes.txt")));
  }

  @Test
  void badNamesAre400AndLeaveNothing() throws Exception {
    for (String name : new String[] {".hidden", "a%2Fb", "..", "x".repeat(129)}) {
      HttpResponse r = send(HttpRequest.builder(served.url() + "/upload/" + name)
          .method("PUT").body("x"));
      assertEquals(400, r.code(), name);
    }
    assertEquals(404, send(HttpRequest.builder(served.url() + "/files/missing")).code());
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(0, files.count());
    }
  }

  @Test
  void aClientThatLeavesMidwayLeavesNoFile() throws Exception {
    int port = Integer.parseInt(served.url().substring(served.url().lastIndexOf(':') + 1));
    try (WatchService watch = FileSystems.getDefault().newWatchService()) {
      dir.register(watch, StandardWatchEventKinds.ENTRY_CREATE,
          StandardWatchEventKinds.ENTRY_DELETE);
      try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
        OutputStream out = s.getOutputStream();
        out.write(("PUT /upload/partial.bin HTTP/1.1\r\nHost: x\r\nContent-Length: 10000000"
            + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(pattern(200_000));
        out.flush();
        assertEquals(StandardWatchEventKinds.ENTRY_CREATE, nextEvent(watch));
      }
      assertEquals(StandardWatchEventKinds.ENTRY_DELETE, nextEvent(watch),
          "the partial file is deleted when the client leaves");
    }
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(0, files.count());
    }
    assertFalse(Files.exists(dir.resolve("partial.bin")));
  }

  private static Object nextEvent(WatchService watch) throws InterruptedException {
    WatchKey key = watch.poll(10, TimeUnit.SECONDS);
    assertNotNull(key, "no change in the upload directory within 10 s");
    Object kind = key.pollEvents().get(0).kind();
    key.reset();
    return kind;
  }
}
