package dev.eddy.examples.upload;

import dev.eddy.loop.IOLoop;
import dev.eddy.web.HttpError;
import dev.eddy.web.RequestHandler;
import dev.eddy.web.StreamRequestBody;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code PUT /upload/{name}}: streams the request body to {@code dir/name} as it arrives, with
 * flat memory whatever the size.
 *
 * <p>How: the class is {@link StreamRequestBody}, so each piece of the body (64 KiB at most) goes
 * to {@link #dataReceived} as soon as it is read. The piece is written to the file off the loop
 * ({@link IOLoop#runInExecutor}), and the returned future holds the reading of the next piece
 * until the write is done: a client faster than the disk is slowed down by TCP flow control
 * instead of filling the heap. The body goes to {@code name.part-…} first and is renamed when it
 * is complete, so a download never sees half a file; a client that leaves mid-way leaves nothing.
 *
 * <p>Answers 201 with {@code {"name", "bytes", "sha256"}}; 400 for a name that is not {@code
 * [A-Za-z0-9._-]{1,128}} or starts with a dot.
 *
 * <p>Init arguments: {@code dir} (a {@link Path}).
 */
@StreamRequestBody
public final class UploadHandler extends RequestHandler {

  private static final Logger log = LoggerFactory.getLogger(UploadHandler.class);
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}");

  private Path dir;
  private String name;
  private Path partial;
  private FileChannel file;
  private MessageDigest sha256;
  private long bytes;
  /** The last write; each write starts after the one before (the digest is not thread-safe). */
  private CompletableFuture<Void> lastWrite = CompletableFuture.completedFuture(null);

  @Override
  protected void initialize(Map<String, Object> args) {
    dir = (Path) args.get("dir");
  }

  @Override
  protected CompletionStage<?> prepare() throws IOException, NoSuchAlgorithmException {
    name = pathArg(0);
    if (!NAME.matcher(name).matches()) {
      throw new HttpError(400, "bad upload name '" + name + "': use 1 to 128 of A-Z a-z 0-9 . _ -,"
          + " not starting with a dot", "Bad File Name");
    }
    partial = dir.resolve(name + ".part-" + UUID.randomUUID());
    file = FileChannel.open(partial, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    sha256 = MessageDigest.getInstance("SHA-256");
    return null;
  }

  @Override
  protected CompletionStage<?> dataReceived(byte[] piece) {
    bytes += piece.length;
    lastWrite = IOLoop.current().runInExecutor(() -> {
      ByteBuffer buffer = ByteBuffer.wrap(piece);
      while (buffer.hasRemaining()) {
        file.write(buffer);
      }
      sha256.update(piece);
      return null;
    });
    return lastWrite;                       // back-pressure: the next piece waits for the disk
  }

  @Override
  protected Object put() {
    return lastWrite.thenCompose(v -> IOLoop.current().runInExecutor(() -> {
      file.close();
      Files.move(partial, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
      return null;
    })).thenRun(() -> {
      setStatus(201);
      write(Map.of("name", name, "bytes", bytes,
          "sha256", HexFormat.of().formatHex(sha256.digest())));
    });
  }

  @Override
  protected void onConnectionClose() {
    discard("the client left after " + bytes + " bytes");
  }

  @Override
  protected void onFinish() {
    if (status() >= 400) {
      discard("the upload failed with " + status());
    }
  }

  private void discard(String why) {
    if (partial == null) {
      return;
    }
    Path p = partial;
    FileChannel f = file;
    partial = null;
    lastWrite.whenComplete((v, e) -> {
      try {
        f.close();
        if (Files.deleteIfExists(p)) {
          log.info("upload of {} discarded: {}", name, why);
        }
      } catch (IOException io) {
        log.warn("cannot delete the partial upload {}", p, io);
      }
    });
  }
}
