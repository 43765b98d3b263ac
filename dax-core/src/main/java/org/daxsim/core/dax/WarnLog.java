package org.daxsim.core.dax;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** The kernel log's WARN lines of one dax core: a count and the most recent messages. */
final class WarnLog {
  static final int KEEP = 256;

  private final ArrayDeque<String> recent = new ArrayDeque<>();
  private final AtomicLong count = new AtomicLong();

  void warn(String message) {
    count.incrementAndGet();
    synchronized (recent) {
      if (recent.size() == KEEP) {
        recent.removeFirst();
      }
      recent.addLast(message);
    }
  }

  long count() {
    return count.get();
  }

  List<String> recent() {
    synchronized (recent) {
      return List.copyOf(recent);
    }
  }
}
