package dev.eddy.http;

/** The HTTP versions an {@code Http1Connection} speaks. */
public enum HttpVersion {
  HTTP_1_0("HTTP/1.0"),
  HTTP_1_1("HTTP/1.1");

  private final String text;

  HttpVersion(String text) {
    this.text = text;
  }

  /** As on the wire: {@code HTTP/1.1}. */
  public String text() {
    return text;
  }

  @Override
  public String toString() {
    return text;
  }
}
