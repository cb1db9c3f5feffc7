package dev.eddy.stream;

/**
 * Whoever works the other end of a {@link PipeIOStream}'s pipe from another thread (a {@link
 * Subprocess}'s pump), told when the stream made room in the pipe or filled it, and when it closed
 * its end. Called on the loop's thread; implementations must not block for long.
 */
interface PipePeer {

  /** The stream read from or wrote to its end: the other end may have room or data now. */
  void progressed();

  /** The stream closed its end (its handle is closed already). */
  void closed();
}
