/**
 * Buffered async streams over any backend, with Tornado's semantics (issue 6, in progress): {@link
 * dev.eddy.stream.BaseIOStream} / {@link dev.eddy.stream.IOStream} (reads by count, delimiter,
 * pattern, into a buffer, or until close; writes whose futures complete when flushed; one close
 * path), the {@link dev.eddy.stream.Resolver}s, and the happy-eyeballs connector that {@code
 * TcpClient} uses. TLS, {@code TcpServer}/{@code TcpClient}, pipes and subprocesses follow.
 *
 * <p>Threading: a stream belongs to its loop; every method is called on the loop's thread and
 * every future completes there. Completions caused by a call (a read the buffer satisfies at once,
 * a write the kernel takes at once) are delivered in a later loop iteration, never inside the
 * caller's frame; completions caused by I/O events are delivered at once, nested ones flattened by
 * {@code dev.eddy.loop.Trampoline}.
 */
package dev.eddy.stream;
