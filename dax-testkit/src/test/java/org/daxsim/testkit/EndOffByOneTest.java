package org.daxsim.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.daxsim.bus.DevDax;
import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;
import org.daxsim.core.dax.DaxAccessMode;
import org.daxsim.core.dax.DaxDevice;
import org.daxsim.core.dax.DaxOperations;
import org.daxsim.core.dax.KaddrPfn;
import org.daxsim.core.mm.KernelAddressSpace;
import org.junit.jupiter.api.Test;

/**
 * The out-of-range generator hits the first page past the end often enough that a driver whose
 * end check is one page too far (it grants a page at {@code pgoff == pages}) is caught.
 */
class EndOffByOneTest {
  /** One contiguous range; {@code pgoff <= pages} is wrongly accepted. */
  static final class OneTooFar implements DaxOperations {
    private final long phys;
    private final long virt;
    private final long pages;

    OneTooFar(KernelAddressSpace kas, PhysRange range) throws ErrnoException {
      phys = range.start();
      virt = kas.memremapPages(range.start(), range.length());
      pages = range.pages();
    }

    @Override
    public long directAccess(DaxDevice dax, long pgoff, long nrPages, DaxAccessMode mode,
        KaddrPfn out) {
      if (pgoff < 0 || pgoff > pages) { // the bug: > instead of >=
        return Errno.ERANGE.neg();
      }
      if (out != null) {
        out.set(virt + (pgoff << 12), (phys >>> 12) + pgoff);
      }
      return Math.max(1, pages - pgoff);
    }

    @Override
    public int zeroPageRange(DaxDevice dax, long pgoff, long nrPages) {
      return 0;
    }
  }

  @Test
  void aGrantAtTheFirstPagePastTheEndIsFound() {
    DaxOperationsFactory f = layout -> {
      DevDax target = layout.target();
      if (target.driver() != null) {
        layout.bus().unbind(target);
      }
      PhysRange range = layout.targetRanges().get(0);
      OneTooFar ops = new OneTooFar(layout.kas(), range);
      return DeviceUnderTest.of(layout.core(), layout.core().allocDax(ops, ops), List.of(range));
    };
    ContractReport report = DaxOperationsContract.forFactory(f)
        .checks(ContractCheck.OUT_OF_RANGE_ERRNO).outOfRangeErrnos(Errno.ERANGE)
        .tries(100).seed(1L).report();
    assertThat(report.failures()).containsKey(ContractCheck.OUT_OF_RANGE_ERRNO);
  }
}
