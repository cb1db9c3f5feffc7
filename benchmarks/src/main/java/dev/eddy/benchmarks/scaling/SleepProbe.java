package dev.eddy.benchmarks.scaling;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Tells whether one thread is asleep in the kernel, from the state field of its {@code
 * /proc/self/task/TID/stat} ({@code S}: an interruptible sleep, which is where a thread blocked in
 * {@code epoll_wait} or {@code poll} waits). Linux only; elsewhere {@link #forCurrentThread()}
 * gives null. Used by one thread; {@link #close()} releases its file.
 */
final class SleepProbe implements AutoCloseable {

  private final FileChannel stat;
  private final ByteBuffer buffer = ByteBuffer.allocate(512);

  private SleepProbe(FileChannel stat) {
    this.stat = stat;
  }

  /**
   * A probe of the calling thread, or null where {@code /proc/thread-self} is not there.
   *
   * @throws IOException if it is there but its stat file cannot be opened
   */
  static SleepProbe forCurrentThread() throws IOException {
    Path self = Path.of("/proc/thread-self");
    if (!Files.isSymbolicLink(self)) {
      return null;
    }
    // "/proc/thread-self" names whichever thread reads it: resolve it to this one's TID now.
    Path task = Path.of("/proc").resolve(Files.readSymbolicLink(self));
    return new SleepProbe(FileChannel.open(task.resolve("stat"), StandardOpenOption.READ));
  }

  /**
   * True if the thread is in an interruptible sleep now.
   *
   * @throws IOException if the stat file cannot be read (the thread has ended)
   */
  boolean sleeping() throws IOException {
    buffer.clear();
    if (stat.read(buffer, 0) <= 0) {
      throw new IOException("cannot read the polling thread's /proc stat");
    }
    // "TID (NAME) STATE ...": NAME may hold spaces and parentheses, so look after the last ')'.
    byte[] text = buffer.array();
    int length = buffer.position();
    for (int i = length - 1; i >= 0; i--) {
      if (text[i] == ')') {
        return i + 2 < length && text[i + 2] == 'S';
      }
    }
    return false;
  }

  @Override
  public void close() throws IOException {
    stat.close();
  }
}
