package dev.eddy.web.websocket;

import dev.eddy.http.HttpClientException;
import dev.eddy.http.HttpHeaders;
import java.nio.charset.StandardCharsets;

/** A small parser of an HTTP/1.1 response head (status line and fields). Package-private. */
final class ResponseHeadReader {

  record Head(int status, String reason, HttpHeaders headers) {}

  private ResponseHeadReader() {}

  /** Parses {@code head} (up to and including the blank line); 599 if malformed. */
  static Head parse(byte[] head) throws HttpClientException {
    String text = new String(head, StandardCharsets.ISO_8859_1);
    String[] lines = text.split("\r\n");
    String[] start = lines[0].split(" ", 3);
    if (start.length < 2 || !start[0].startsWith("HTTP/1.") || !start[1].matches("[0-9]{3}")) {
      throw malformed("bad status line: " + lines[0]);
    }
    HttpHeaders headers = new HttpHeaders();
    for (int i = 1; i < lines.length; i++) {
      String line = lines[i];
      if (line.isEmpty()) {
        continue;
      }
      int colon = line.indexOf(':');
      if (colon <= 0 || line.charAt(0) == ' ' || line.charAt(0) == '\t') {
        throw malformed("bad header line: " + line);
      }
      try {
        headers.add(line.substring(0, colon), line.substring(colon + 1).trim());
      } catch (IllegalArgumentException e) {
        throw malformed(e.getMessage());
      }
    }
    return new Head(Integer.parseInt(start[1]), start.length > 2 ? start[2] : "", headers);
  }

  private static HttpClientException malformed(String why) {
    return new HttpClientException(HttpClientException.NO_RESPONSE,
        "Malformed WebSocket handshake response: " + why, null, null);
  }
}
