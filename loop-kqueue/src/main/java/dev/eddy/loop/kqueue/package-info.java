/**
 * The {@code kqueue} backend through JNA direct mapping: macOS, FreeBSD, or a kqueue-compatible
 * userspace library on Linux (libkqueue, named by {@code -Deddy.kqueue.library}).
 *
 * <p>This package has the {@code struct kevent} layouts ({@link
 * dev.eddy.loop.kqueue.KeventAbi}: macOS 32 bytes, FreeBSD 12+ 64 bytes, FreeBSD 11 and libkqueue
 * 32 bytes, and each one's {@code EVFILT_USER} number), the constants ({@link
 * dev.eddy.loop.kqueue.Kevent}), a narrow native seam ({@code KqueueNative}, bound by {@code
 * KqueueLibrary}, faked in tests) and the poller ({@code KqueuePoller}). Sockets and pipes are
 * the shared POSIX layer's ({@code dev.eddy.loop.posix.jna}), in the host's socket ABI.
 *
 * <p>Design, as in the epoll-jna backend: registrations live in a slot table and {@code
 * kevent.udata} carries {@code generation << 32 | slot}; interest is one {@code EVFILT_READ} and
 * one {@code EVFILT_WRITE} filter per registration, dropped with {@code EV_DELETE} (ENOENT
 * ignored) before the descriptor closes; changes go in with {@code EV_RECEIPT} in one array used
 * for both changes and results with as many result slots as changes (mio's pattern; libkqueue
 * would otherwise wait out the timeout and drop receipts from its count); the waker is an {@code
 * EVFILT_USER} event triggered with {@code NOTE_TRIGGER}, or a pipe where that filter is refused.
 * A refused connect ({@code EV_EOF} with an errno in {@code fflags} on the write filter) is
 * WRITE|ERROR, and the errno is handed to the socket for {@code finishConnect}.
 *
 * <p>Threading: as for every poller, only {@code wakeup()} is thread-safe.
 */
package dev.eddy.loop.kqueue;
