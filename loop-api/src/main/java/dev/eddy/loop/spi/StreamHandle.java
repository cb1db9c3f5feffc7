package dev.eddy.loop.spi;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A non-blocking byte stream: a connected socket or one end of a pipe.
 *
 * <p>Calls never block. Threading: one thread at a time, normally the loop's thread.
 */
public interface StreamHandle extends PollHandle {

  /**
   * Reads into {@code dst} from its position.
   *
   * @return the number of bytes read, 0 if reading would block (or {@code dst} has no room), or
   *     -1 at end of stream
   * @throws IOException if the peer reset the connection or the handle is closed or write-only;
   *     the message names the error
   */
  int read(ByteBuffer dst) throws IOException;

  /**
   * Writes from {@code src} from its position.
   *
   * @return the number of bytes written, 0 if writing would block
   * @throws IOException if the connection is broken or the handle is closed or read-only
   */
  int write(ByteBuffer src) throws IOException;

  /**
   * Gathering write of {@code srcs[offset .. offset+length)} in one system call where the backend
   * has one.
   *
   * @return the number of bytes written, 0 if writing would block
   * @throws IOException as {@link #write(ByteBuffer)}
   */
  long write(ByteBuffer[] srcs, int offset, int length) throws IOException;
}
