package org.daxsim.sim;

import java.util.concurrent.atomic.AtomicLongArray;
import org.daxsim.core.Pages;
import org.daxsim.core.mm.Mm;
import org.daxsim.core.mm.VmFault;
import org.daxsim.core.trace.TraceListener;
import org.daxsim.core.trace.Tracepoint;

/**
 * The fault counts of one {@code io mmap-*} run, from the {@link Tracepoint#MM_FAULT} hits of
 * its process (mm/memory.c handle_mm_fault(): huge faults at PUD and PMD order, then the PTE
 * level). A hit whose result has VM_FAULT_FALLBACK counts as a fallback (the handler declined
 * that size and the fault went on at a smaller one); any other hit counts under its size,
 * whether it mapped the page or raised a signal. Printed by {@code io faults FILE} as four
 * lines {@code pte N}, {@code pmd N}, {@code pud N}, {@code fallback N}.
 */
final class IoFaults implements TraceListener {
  private static final int PTE = 0;
  private static final int PMD = 1;
  private static final int PUD = 2;
  private static final int FALLBACK = 3;

  private final Mm mm;
  private final AtomicLongArray counts = new AtomicLongArray(4);

  IoFaults(Mm mm) {
    this.mm = mm;
  }

  @Override
  public void hit(Tracepoint point, Object subject, long address, long order, long flags,
      long ret) {
    if (point != Tracepoint.MM_FAULT || subject != mm) {
      return;
    }
    if ((ret & VmFault.VM_FAULT_FALLBACK) != 0) {
      counts.incrementAndGet(FALLBACK);
    } else if (order == Pages.PUD_ORDER) {
      counts.incrementAndGet(PUD);
    } else if (order == Pages.PMD_ORDER) {
      counts.incrementAndGet(PMD);
    } else {
      counts.incrementAndGet(PTE);
    }
  }

  /** The four lines {@code io faults} prints. */
  String format() {
    return "pte " + counts.get(PTE) + "\npmd " + counts.get(PMD) + "\npud " + counts.get(PUD)
        + "\nfallback " + counts.get(FALLBACK) + "\n";
  }
}
