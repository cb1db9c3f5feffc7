package dev.eddy.benchmarks.e2e;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.DateFormatter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.Date;

/**
 * The baseline's handler, as in Netty's HelloWorld example: answers each request with a full
 * response (with {@code Server}, {@code Date} — cached per second — and {@code
 * Content-Length}), keeps the connection unless the request closes it, and flushes once per read
 * ({@code channelReadComplete}), so pipelined requests share a write.
 */
@Sharable
final class NettyHelloHandler extends SimpleChannelInboundHandler<HttpObject> {

  private static final String STATIC_PATH = "/static/" + HelloBodies.STATIC_NAME;

  private final byte[] file;
  private final AllocProbe probe;
  private volatile long dateSecond;
  private volatile String date = "";

  NettyHelloHandler(byte[] file, AllocProbe probe) {
    this.file = file;
    this.probe = probe;
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    ctx.flush();
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
    if (!(msg instanceof HttpRequest request)) {
      return;
    }
    String uri = request.uri();
    int q = uri.indexOf('?');
    FullHttpResponse response = answer(q < 0 ? uri : uri.substring(0, q));
    HttpHeaders h = response.headers();
    h.set(HttpHeaderNames.SERVER, "netty")
        .set(HttpHeaderNames.DATE, date())
        .setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
    boolean keepAlive = HttpUtil.isKeepAlive(request);
    if (!keepAlive) {
      h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    } else if (!request.protocolVersion().isKeepAliveDefault()) {
      h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
    }
    ChannelFuture written = ctx.write(response);
    if (!keepAlive) {
      written.addListener(ChannelFutureListener.CLOSE);
    }
  }

  private FullHttpResponse answer(String path) {
    return switch (path) {
      case "/plaintext" -> response(HttpResponseStatus.OK, "text/plain", HelloBodies.HELLO_BYTES);
      case "/json" -> response(HttpResponseStatus.OK, "application/json", HelloBodies.json());
      case HelloBodies.ALLOC_PATH -> response(HttpResponseStatus.OK, "text/plain",
          Long.toString(probe.allocatedBytes()).getBytes(StandardCharsets.US_ASCII));
      default -> path.equals(STATIC_PATH)
          ? response(HttpResponseStatus.OK, "application/octet-stream", file)
          : response(HttpResponseStatus.NOT_FOUND, "text/plain",
              "Not Found".getBytes(StandardCharsets.US_ASCII));
    };
  }

  private static FullHttpResponse response(HttpResponseStatus status, String type, byte[] body) {
    FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
        status, Unpooled.wrappedBuffer(body));
    r.headers().set(HttpHeaderNames.CONTENT_TYPE, type);
    return r;
  }

  private String date() {
    long now = System.currentTimeMillis();
    if (now / 1000 != dateSecond) {
      dateSecond = now / 1000;
      date = DateFormatter.format(new Date(now));
    }
    return date;
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close();
  }
}
