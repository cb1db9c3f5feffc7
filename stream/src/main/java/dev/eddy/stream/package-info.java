/**
 * Buffered async streams over any backend, with Tornado's semantics: {@link
 * dev.eddy.stream.BaseIOStream} / {@link dev.eddy.stream.IOStream} (reads by count, delimiter,
 * pattern, into a buffer, or until close; writes whose futures complete when flushed; one close
 * path), TLS ({@link dev.eddy.stream.SslIOStream}, {@code startTls}), {@link
 * dev.eddy.stream.TcpServer} and {@link dev.eddy.stream.TcpServerGroup} over a {@link
 * dev.eddy.stream.LoopGroup}, {@link dev.eddy.stream.TcpClient} with happy eyeballs over a
 * {@link dev.eddy.stream.Resolver}, {@link dev.eddy.stream.PipeIOStream} and {@link
 * dev.eddy.stream.Subprocess}.
 *
 * <p>Threading: a stream belongs to its loop; every method is called on the loop's thread and
 * every future completes there. Completions caused by a call (a read the buffer satisfies at once,
 * a write the kernel takes at once) are delivered in a later loop iteration, never inside the
 * caller's frame; completions caused by I/O events are delivered at once, nested ones flattened by
 * {@code dev.eddy.loop.Trampoline}.
 */
package dev.eddy.stream;
