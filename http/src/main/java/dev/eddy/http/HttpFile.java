package dev.eddy.http;

/**
 * A file uploaded in a {@code multipart/form-data} body: its file name as sent, its content type
 * ({@code application/unknown} when the part has none), and its bytes.
 */
public record HttpFile(String filename, String contentType, byte[] body) {

  @Override
  public String toString() {
    return "HttpFile[" + filename + ", " + contentType + ", " + body.length + " bytes]";
  }
}
