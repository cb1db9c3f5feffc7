/**
 * The {@code kqueue} backend through JNA direct mapping: macOS, FreeBSD, or a kqueue-compatible
 * userspace library on Linux (libkqueue, named by {@code -Deddy.kqueue.library}).
 *
 * <p><b>Work in progress: poller layer only; transport and the contract suites come next, see
 * issue 5.</b> This package has the {@code struct kevent} layouts ({@link
 * dev.eddy.loop.kqueue.KeventAbi}), the constants ({@link dev.eddy.loop.kqueue.Kevent}), a narrow
 * native seam ({@code KqueueNative}, bound by {@code KqueueLibrary}) and the poller ({@code
 * KqueuePoller}) with a minimal descriptor handle. The provider is deliberately not listed in
 * {@code META-INF/services} yet: without BSD sockets it has no transport, so it could not pass the
 * contract suites.
 *
 * <p>Design, as in the epoll-jna backend: registrations live in a slot table and {@code
 * kevent.udata} carries {@code generation << 32 | slot}; interest is one {@code EVFILT_READ} and
 * one {@code EVFILT_WRITE} filter per registration, dropped with {@code EV_DELETE} (ENOENT
 * ignored); changes go in with {@code EV_RECEIPT} in one array used for both changes and results
 * (mio's pattern, which also works around libkqueue losing receipts); the waker is an {@code
 * EVFILT_USER} event triggered with {@code NOTE_TRIGGER}.
 */
package dev.eddy.loop.kqueue;
