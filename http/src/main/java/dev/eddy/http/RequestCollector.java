package dev.eddy.http;

import java.io.ByteArrayOutputStream;
import java.net.SocketAddress;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adapts a {@link HttpRequestHandler} to the streaming delegate: collects the body (the connection
 * bounds it by {@code maxBodySize}), then calls the handler with the whole request: Tornado's
 * {@code _CallableAdapter}. With {@code xheaders}, the client's address and the protocol come from
 * the proxy's headers ({@link ProxyHeaders}).
 */
final class RequestCollector implements HttpServerConnectionDelegate {

  private static final Logger log = LoggerFactory.getLogger(RequestCollector.class);

  private final HttpRequestHandler handler;
  private final boolean xheaders;
  private final Set<String> trustedDownstream;
  private final boolean tls;

  private static final byte[] NO_BODY = new byte[0];

  RequestCollector(HttpRequestHandler handler, HttpServerOptions options) {
    this.handler = handler;
    this.xheaders = options.xheaders();
    this.trustedDownstream = options.trustedDownstream();
    this.tls = options.tls() != null;
  }

  @Override
  public HttpMessageDelegate startRequest(Http1Connection connection, SocketAddress peer) {
    return new HttpMessageDelegate() {
      private RequestStartLine line;
      private HttpHeaders headers;
      private ByteArrayOutputStream body;                 // made for the first piece only
      private long started;

      private HttpMessageDelegate streaming;

      @Override
      public CompletionStage<?> headersReceived(Object startLine, HttpHeaders h) throws Exception {
        line = (RequestStartLine) startLine;
        headers = h;
        started = System.nanoTime();
        if (handler instanceof HttpStreamingHandler) {
          HttpServerRequest head = request(NO_BODY);
          streaming = ((HttpStreamingHandler) handler).streamBody(head);
          if (streaming != null) {
            return streaming.headersReceived(startLine, h);
          }
        }
        return null;
      }

      @Override
      public CompletionStage<?> dataReceived(byte[] chunk) throws Exception {
        if (streaming != null) {
          return streaming.dataReceived(chunk);
        }
        if (body == null) {
          body = new ByteArrayOutputStream(chunk.length);
        }
        body.write(chunk, 0, chunk.length);
        return null;
      }

      @Override
      public void onConnectionClose() {
        if (streaming != null) {
          streaming.onConnectionClose();
        }
      }

      private HttpServerRequest request(byte[] bytes) {
        String ip = connection.peerIp(peer);
        String protocol = tls ? "https" : "http";
        if (xheaders) {
          ip = ProxyHeaders.remoteIp(headers, ip, trustedDownstream);
          protocol = ProxyHeaders.protocol(headers, protocol);
        }
        return new HttpServerRequest(connection, line, headers, bytes, ip, protocol, started);
      }

      @Override
      public void finish() throws Exception {
        if (streaming != null) {
          streaming.finish();
          return;
        }
        HttpServerRequest request = request(body == null ? NO_BODY : body.toByteArray());
        try {
          request.parseBody();
        } catch (HttpInputException bad) {
          log.info("Malformed body from {}: {}", request.remoteIp(), bad.getMessage());
          HttpHeaders close = new HttpHeaders();
          close.set("Connection", "close");
          close.set("Content-Type", "text/plain; charset=utf-8");
          request.respond(bad.status(), close, (bad.getMessage() + "\n")
              .getBytes(java.nio.charset.StandardCharsets.UTF_8));
          return;
        }
        CompletionStage<?> done;
        try {
          done = handler.handle(request);
        } catch (Exception e) {
          failed(request, e);
          return;
        }
        if (done != null) {
          done.whenComplete((v, e) -> {
            if (e != null) {
              failed(request, Http1Connection.unwrap(e));
            }
          });
        }
      }

      private void failed(HttpServerRequest request, Throwable e) {
        log.error("Uncaught exception handling {}", request, e);
        if (!connection.headersStarted()) {
          request.respond(500, "Internal Server Error\n");
        } else {
          connection.close();
        }
      }
    };
  }
}
