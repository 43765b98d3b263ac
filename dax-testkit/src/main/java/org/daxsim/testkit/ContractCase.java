package org.daxsim.testkit;

import java.util.List;

/**
 * One generated case of the contract: the layout, the device under test built on it, the
 * requests, and the number of threads (for the concurrency check). Its text is a daxsim scenario
 * script that rebuilds the layout, followed by the requests.
 *
 * @param layout the generated layout
 * @param device the device under test the factory built on it
 * @param requests the requests of the case (one, except for the concurrency check)
 * @param threads threads for the concurrency check, else 1
 */
public record ContractCase(DaxLayout layout, DeviceUnderTest device, List<Request> requests,
    int threads) {
  /** Copies the requests. */
  public ContractCase {
    requests = List.copyOf(requests);
  }

  /** The first (usually only) request. */
  public Request request() {
    return requests.get(0);
  }

  /** The scenario script: layout lines, the implementation's lines, the model, the requests. */
  public String script() {
    StringBuilder b = new StringBuilder(layout.toString()).append('\n');
    if (!device.script().isEmpty()) {
      b.append(device.script()).append('\n');
    }
    b.append("# device under test: ").append(device.ranges().size()).append(" range(s) ")
        .append(device.ranges()).append(", ").append(device.pages()).append(" pages\n");
    if (threads > 1) {
      b.append("# on ").append(threads).append(" threads at once:\n");
    }
    for (Request r : requests) {
      b.append("# ").append(r).append('\n');
    }
    return b.toString().stripTrailing();
  }

  @Override
  public String toString() {
    return script();
  }
}
