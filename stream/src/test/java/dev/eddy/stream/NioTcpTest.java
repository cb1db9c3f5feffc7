package dev.eddy.stream;

/** TcpServer, TcpClient and loop groups on the nio backend. */
class NioTcpTest extends TcpCases {

  @Override
  String backend() {
    return "nio";
  }
}
