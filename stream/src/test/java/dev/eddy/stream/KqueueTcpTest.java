package dev.eddy.stream;

/** TcpServer, TcpClient and loop groups on the kqueue backend. */
class KqueueTcpTest extends TcpCases {

  @Override
  String backend() {
    return "kqueue";
  }
}
