/**
 * POSIX sockets, pipes and errno through JNA, shared by Eddy's backends over raw descriptors
 * ({@code epoll-jna} on Linux, {@code kqueue} on macOS, FreeBSD, and Linux with libkqueue), and
 * published for third-party poller plugins over raw descriptors too (the {@code poll(2)} plugin
 * in {@code examples/custom-poller} is built on it): its public classes are a supported API for
 * backends, kept compatible like the SPI. Not an API for applications: they reach these handles
 * only through the SPI's {@code Transport}.
 *
 * <p>What is here: {@link dev.eddy.loop.posix.jna.PosixAbi}, the numbers and layouts of each
 * system (Linux, macOS, FreeBSD), pinned by table-driven tests; {@link
 * dev.eddy.loop.posix.jna.PosixErrno}, which gives every system's errno in {@code LinuxErrno}'s
 * vocabulary so that backends compare with one set of constants; {@link
 * dev.eddy.loop.posix.jna.FdHandle} and its sockets, listener and pipe ends; and {@link
 * dev.eddy.loop.posix.jna.PosixTransport}, which makes them. A poller over raw descriptors
 * accepts only the handles its backend's transport made ({@link
 * dev.eddy.loop.posix.jna.FdHandle#own}) and keeps an {@link
 * dev.eddy.loop.posix.jna.FdRegistration} in the handle, cancelled before the descriptor closes.
 *
 * <p>Native calls are bound by JNA direct mapping in classes named {@code LibC*} (an
 * architecture rule); the variadic {@code fcntl} goes through interface mapping, as arm64 macOS
 * passes variadic arguments differently.
 */
package dev.eddy.loop.posix.jna;
