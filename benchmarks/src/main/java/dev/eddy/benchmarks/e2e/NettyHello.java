package dev.eddy.benchmarks.e2e;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.nio.file.Files;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * The baseline for {@link Versus}: a raw Netty 4.2 HTTP hello in the shape of Netty's own
 * HelloWorld example — {@link ServerBootstrap}, {@link HttpServerCodec} and one small handler
 * ({@link NettyHelloHandler}) — on the epoll or nio transport with {@code --loops} event-loop
 * threads (one group accepts and serves).
 *
 * <pre>java -cp eddy-benchmarks.jar dev.eddy.benchmarks.e2e.NettyHello --port P --backend
 * epoll|nio --loops N --static DIR</pre>
 */
public final class NettyHello {

  private NettyHello() {}

  public static void main(String[] args) throws Exception {
    ServerArgs a = ServerArgs.parse(args);
    boolean epoll = switch (a.backend()) {
      case "epoll" -> true;
      case "nio" -> false;
      default -> throw new IllegalArgumentException("--backend must be epoll or nio");
    };
    byte[] file = Files.readAllBytes(a.staticDir().resolve(HelloBodies.STATIC_NAME));
    AllocProbe probe = new AllocProbe();
    ThreadFactory named = new DefaultThreadFactory("netty-loop");
    ThreadFactory threads = r -> {
      Thread t = named.newThread(r);
      probe.add(t);
      return t;
    };
    IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(a.loops(), threads, io);
    Class<? extends ServerChannel> channel =
        epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    NettyHelloHandler handler = new NettyHelloHandler(file, probe);
    Channel server = new ServerBootstrap()
        .group(group)
        .channel(channel)
        .option(ChannelOption.SO_BACKLOG, 1024)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            ch.pipeline().addLast(new HttpServerCodec(), handler);
          }
        })
        .bind("127.0.0.1", a.port()).sync().channel();
    probe.reportThenStopOnShutdown("netty-" + a.backend(), () -> {
      server.close().awaitUninterruptibly();
      group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
    });
    server.closeFuture().sync();
  }
}
