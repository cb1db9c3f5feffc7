package dev.eddy.examples.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The upload demo in a JVM of its own with a 64 MiB heap takes a 1 GiB upload: a server that held
 * the body in memory would fail with OutOfMemoryError; a streaming one writes it to disk.
 */
class UploadFlatMemoryTest {

  private static final long SIZE = 1L << 30;
  private static final int BLOCK = 1 << 20;
  private static final Pattern SERVING = Pattern.compile("Serving http://127\\.0\\.0\\.1:(\\d+)/ .*");

  @TempDir Path dir;

  @Test
  void aGigabyteUploadThroughA64MiBHeap() throws Exception {
    Path log = dir.resolve("server.log");
    Path files = Files.createDirectory(dir.resolve("files"));
    Process server = new ProcessBuilder(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx64m",
        "-cp", System.getProperty("java.class.path"), UploadDemo.class.getName(),
        "--port", "0", "--dir", files.toString()))
        .redirectError(log.toFile())
        .start();
    try {
      BufferedReader out = new BufferedReader(
          new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
      String first = out.readLine();
      assertNotNull(first, "the demo ended before it served: " + Files.readString(log));
      Matcher m = SERVING.matcher(first);
      assertTrue(m.matches(), first);
      int port = Integer.parseInt(m.group(1));

      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      String answer;
      try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
        OutputStream up = s.getOutputStream();
        up.write(("PUT /upload/big.bin HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: " + SIZE
            + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        byte[] block = new byte[BLOCK];
        for (long sent = 0; sent < SIZE; sent += BLOCK) {
          for (int i = 0; i < BLOCK; i += 4096) {
            block[i] = (byte) (sent >>> 20);          // every block differs
          }
          up.write(block);
          sha.update(block);
        }
        up.flush();
        InputStream in = s.getInputStream();
        answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      assertTrue(answer.startsWith("HTTP/1.1 201 "), answer + "\n" + Files.readString(log));
      assertTrue(answer.contains("\"sha256\":\"" + HexFormat.of().formatHex(sha.digest()) + "\""),
          answer);
      assertEquals(SIZE, Files.size(files.resolve("big.bin")));
      assertTrue(server.isAlive(), "the server is still up: " + Files.readString(log));
    } finally {
      server.destroy();
      if (!server.waitFor(10, TimeUnit.SECONDS)) {
        server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }
}
