package dev.eddy.http;

import java.util.Set;

/**
 * Which responses are followed and how the next request looks (RFC 9110 §15.4), as in Tornado 6:
 * 301, 302, 303, 307 and 308 with a {@code Location}, while redirects are left. 303 (except to a
 * HEAD) and 301/302 to a POST become a GET without body; 307 and 308 keep the method and body
 * (but a request whose body came from a producer is not followed: it cannot be sent again). A
 * redirect to another origin drops {@code Authorization} and {@code Cookie} and the basic-auth
 * credentials (Tornado 6.5.6, CVE-2026-49853). A {@code Host} field given by the caller is
 * dropped.
 *
 * <p>Stateless.
 */
final class Redirects {

  private static final Set<Integer> CODES = Set.of(301, 302, 303, 307, 308);
  private static final String[] BODY_FIELDS = {
    "Content-Length", "Content-Type", "Content-Encoding", "Transfer-Encoding"
  };

  private Redirects() {}

  /** True if the response to {@code request} with {@code code} and {@code headers} is followed. */
  static boolean follows(HttpRequest request, int code, HttpHeaders headers) {
    if (!request.followRedirects() || request.maxRedirects() <= 0 || !CODES.contains(code)
        || headers.get("Location") == null) {
      return false;
    }
    return !((code == 307 || code == 308) && request.bodyProducer() != null);
  }

  /**
   * The request that follows the redirect {@code code} from {@code from} to {@code to}.
   */
  static HttpRequest next(HttpRequest request, int code, ClientUrl from, ClientUrl to) {
    HttpRequest.Builder b = request.toBuilder().url(to.text())
        .maxRedirects(request.maxRedirects() - 1).removeHeader("Host");
    String method = request.method();
    if ((code == 303 && !method.equals("HEAD"))
        || ((code == 301 || code == 302) && method.equals("POST"))) {
      b.method("GET").body((byte[]) null).bodyProducer(null);
      for (String f : BODY_FIELDS) {
        b.removeHeader(f);
      }
    }
    if (!from.sameOrigin(to)) {
      b.removeHeader("Authorization").removeHeader("Cookie").auth(null, null);
    }
    return b.build();
  }
}
