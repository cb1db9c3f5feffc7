package dev.eddy.benchmarks.jmh;

import java.nio.charset.StandardCharsets;

/**
 * The request head the HTTP benchmarks parse and send: a browser-like GET with eight header
 * fields (Host, User-Agent, Accept, Accept-Language, Accept-Encoding, Cookie, Cache-Control,
 * Connection), 386 bytes plus the target's length (396 for {@code /plaintext}).
 */
public final class SampleRequest {

  private SampleRequest() {}

  /** The head, for {@code target}, as it goes on the wire (ISO-8859-1, ending CRLF CRLF). */
  public static byte[] get(String target) {
    String head = "GET " + target + " HTTP/1.1\r\n"
        + "Host: app.example.com\r\n"
        + "User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0\r\n"
        + "Accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8\r\n"
        + "Accept-Language: en-US,en;q=0.5\r\n"
        + "Accept-Encoding: gzip, deflate, br\r\n"
        + "Cookie: _xsrf=2|1a2b3c4d|5e6f708192a3b4c5d6e7f8091a2b3c4d|1700000000\r\n"
        + "Cache-Control: max-age=0\r\n"
        + "Connection: keep-alive\r\n"
        + "\r\n";
    return head.getBytes(StandardCharsets.ISO_8859_1);
  }
}
