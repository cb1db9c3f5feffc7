package dev.eddy.stream;

/** TcpServer, TcpClient and loop groups on the epoll-jna backend. */
class EpollJnaTcpTest extends TcpCases {

  @Override
  String backend() {
    return "epoll-jna";
  }
}
