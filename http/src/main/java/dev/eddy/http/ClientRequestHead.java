package dev.eddy.http;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The header fields the client sends with a request, as Tornado's simple client makes them: the
 * request's own, then {@code Host} (unless given), {@code User-Agent}, {@code Accept-Encoding:
 * gzip} when decompressing, {@code Authorization: Basic} from the credentials or the URL's user
 * information, the body's framing ({@code Content-Length} for a body; chunked for a body producer
 * without one), {@code Content-Type: application/x-www-form-urlencoded} for a POST without one,
 * and {@code Connection: close} when the connection will not be kept.
 *
 * <p>Stateless.
 */
final class ClientRequestHead {

  private ClientRequestHead() {}

  /**
   * @param defaultUserAgent the client's {@code User-Agent} for requests that name none
   * @param keepAlive false to ask the server to close the connection after the response
   */
  static HttpHeaders headers(HttpRequest request, ClientUrl url, String defaultUserAgent,
      boolean keepAlive) {
    HttpHeaders h = request.headers();
    if (!h.contains("Host")) {
      h.set("Host", url.hostHeader());
    }
    if (request.userAgent() != null) {
      h.set("User-Agent", request.userAgent());
    } else if (!h.contains("User-Agent") && defaultUserAgent != null) {
      h.set("User-Agent", defaultUserAgent);
    }
    if (request.decompress()) {
      h.set("Accept-Encoding", "gzip"); // the only coding this client decodes
    }
    String credentials = null;
    if (request.authUsername() != null) {
      credentials = request.authUsername() + ":"
          + (request.authPassword() == null ? "" : request.authPassword());
    } else if (url.userInfo() != null) {
      credentials = url.userInfo().indexOf(':') >= 0 ? url.userInfo() : url.userInfo() + ":";
    }
    if (credentials != null) {
      h.set("Authorization", "Basic " + Base64.getEncoder().encodeToString(
          credentials.getBytes(StandardCharsets.UTF_8)));
    }
    if (request.bodyBytes() != null) {
      h.set("Content-Length", Integer.toString(request.bodyBytes().length));
    } else if (request.bodyProducer() != null && !h.contains("Content-Length")) {
      h.set("Transfer-Encoding", "chunked");
    }
    if (request.method().equals("POST") && !h.contains("Content-Type")) {
      h.set("Content-Type", "application/x-www-form-urlencoded");
    }
    if (!keepAlive) {
      h.set("Connection", "close");
    }
    return h;
  }
}
