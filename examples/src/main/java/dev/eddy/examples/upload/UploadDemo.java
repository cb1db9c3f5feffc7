package dev.eddy.examples.upload;

import dev.eddy.loop.IOLoop;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Serves {@link UploadApp} on 127.0.0.1 until interrupted.
 *
 * <pre>
 * java -Xmx64m -cp examples/target/eddy-demo.jar dev.eddy.examples.upload.UploadDemo \
 *     [--port 8888] [--dir DIR]
 * curl -T big.iso http://127.0.0.1:8888/upload/big.iso
 * curl -r 0-99 http://127.0.0.1:8888/files/big.iso
 * </pre>
 *
 * <p>Without {@code --dir} the files go to a new temporary directory. It prints one line, {@code
 * Serving http://127.0.0.1:PORT/ from DIR}, once it listens ({@code --port 0}: any free port).
 */
public final class UploadDemo {

  private UploadDemo() {}

  public static void main(String[] args) throws IOException {
    int port = 8888;
    Path dir = null;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--port") && i + 1 < args.length) {
        port = Integer.parseInt(args[++i]);
      } else if (args[i].equals("--dir") && i + 1 < args.length) {
        dir = Path.of(args[++i]);
      } else {
        System.err.println("usage: UploadDemo [--port N] [--dir DIR]");
        System.exit(2);
      }
    }
    if (dir == null) {
      dir = Files.createTempDirectory("eddy-uploads-");
    } else if (!Files.isDirectory(dir)) {
      System.err.println("UploadDemo: " + dir + " is not a directory");
      System.exit(2);
    }
    IOLoop loop = IOLoop.create();
    int bound = ((InetSocketAddress) UploadApp.create(dir)
        .listen(loop, port, "127.0.0.1", UploadApp.serverOptions()).addresses().get(0))
        .getPort();
    System.out.println("Serving http://127.0.0.1:" + bound + "/ from " + dir + " on "
        + loop.pollerName());
    loop.start();
  }
}
