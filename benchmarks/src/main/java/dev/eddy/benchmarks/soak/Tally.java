package dev.eddy.benchmarks.soak;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What one client kind of the soak run did: its requests, and its errors (counted, the first
 * few kept verbatim). Safe for use by several threads.
 */
final class Tally {

  private static final int KEPT = 5;

  private final String name;
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong errors = new AtomicLong();
  private final List<String> firstErrors = new ArrayList<>();

  Tally(String name) {
    this.name = name;
  }

  String name() {
    return name;
  }

  void served(long n) {
    requests.addAndGet(n);
  }

  void error(String what) {
    errors.incrementAndGet();
    synchronized (firstErrors) {
      if (firstErrors.size() < KEPT) {
        firstErrors.add(what);
      }
    }
  }

  long requests() {
    return requests.get();
  }

  long errors() {
    return errors.get();
  }

  List<String> firstErrors() {
    synchronized (firstErrors) {
      return List.copyOf(firstErrors);
    }
  }
}
