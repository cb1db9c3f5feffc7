package dev.eddy.loop.kqueue;

/**
 * The kqueue constants shared by macOS, FreeBSD, OpenBSD and libkqueue, in one place. The one
 * that differs between them, {@code EVFILT_USER}, belongs to {@link KeventAbi#evfiltUser()}. The
 * errno values here are the ones this backend tests for; they are the same number on BSD, macOS
 * and Linux (libkqueue reports Linux errno values).
 */
final class Kevent {

  private Kevent() {}

  /** Filter: the descriptor is readable (or has a connection to accept, or EOF). */
  static final short EVFILT_READ = -1;
  /** Filter: the descriptor is writable (or a connect completed or failed). */
  static final short EVFILT_WRITE = -2;

  /** Flag: add the event (or change the existing one). */
  static final int EV_ADD = 0x1;
  /** Flag: remove the event. */
  static final int EV_DELETE = 0x2;
  /** Flag: reset the event's state after it is retrieved (edge-like; used for the waker). */
  static final int EV_CLEAR = 0x20;
  /** Flag: return one result per change, with EV_ERROR set and the errno (or 0) in data. */
  static final int EV_RECEIPT = 0x40;
  /** Output flag: an error or a receipt; {@code data} holds the errno, 0 for success. */
  static final int EV_ERROR = 0x4000;
  /** Output flag: end of file; for sockets {@code fflags} holds the socket error, if any. */
  static final int EV_EOF = 0x8000;

  /** fflags of EVFILT_USER: trigger the user event. */
  static final int NOTE_TRIGGER = 0x01000000;
}
