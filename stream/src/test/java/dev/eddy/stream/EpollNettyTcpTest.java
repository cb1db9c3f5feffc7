package dev.eddy.stream;

/** TcpServer, TcpClient and loop groups on the epoll-netty backend. */
class EpollNettyTcpTest extends TcpCases {

  @Override
  String backend() {
    return "epoll-netty";
  }
}
