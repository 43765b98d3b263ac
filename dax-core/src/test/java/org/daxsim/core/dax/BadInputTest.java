package org.daxsim.core.dax;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;
import org.daxsim.core.Pages;
import org.daxsim.core.mm.IovIter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every public entry point of the package with null, negative, overflowing, foreign and
 * out-of-range arguments: idiomatic methods throw {@link ErrnoException} with the right errno,
 * kernel-style ones return it, nothing throws anything else, and no state changes.
 */
class BadInputTest {
  private static final long[] BAD_COUNTS = {-1, -4096, Long.MIN_VALUE, Long.MIN_VALUE + 1};
  private static final long[] BAD_DEVTS = {
    -1, Long.MIN_VALUE, Long.MAX_VALUE, 1L << 32, 0, ((long) DaxCore.DAX_MAJOR + 1) << 20,
    ((long) DaxCore.DAX_MAJOR << 20) | 9
  };

  private DaxCore core;
  private DaxCore other;
  private FakeDriver drv;
  private DaxDevice dax;
  private DaxDevice foreign;
  private DaxDevice freed;
  private IovIter iter;

  @BeforeEach
  void setUp() throws ErrnoException {
    core = Fixtures.core(8);
    other = Fixtures.core(8);
    drv = new FakeDriver(4, 0, 4, true, true);
    dax = core.allocDax("p", drv);
    foreign = other.allocDax("q", FakeDriver.granting(1));
    freed = core.allocDax(null, null);
    core.killDax(freed);
    core.putDax(freed);
    iter = Fixtures.sink(64);
  }

  /** Everything observable about the two cores, to compare before and after a bad call. */
  private String state() {
    List<String> s = new ArrayList<>();
    for (DaxCore c : new DaxCore[] {core, other}) {
      for (DaxDevice d : c.devices()) {
        s.add(d + " refs=" + d.refCount() + " flags=" + d.flags() + " ops=" + d.ops()
            + " holder=" + d.holder() + " hops=" + d.holderOps() + " priv=" + d.privateData());
      }
      s.add("warn=" + c.warnCount() + " gp=" + c.srcu().gracePeriods());
    }
    s.add("drv=" + drv.totalCalls() + " freed=" + freed.flags() + "/" + freed.refCount());
    s.add("iter=" + iter.count());
    return String.join("\n", s);
  }

  private void throwsErrno(Errno errno, ThrowingCall call) {
    String before = state();
    assertThatThrownBy(call::run).isInstanceOfSatisfying(ErrnoException.class,
        e -> assertThat(e.errno()).isEqualTo(errno));
    assertThat(state()).isEqualTo(before);
  }

  private void returns(long expected, LongCall call) {
    String before = state();
    assertThat(call.run()).isEqualTo(expected);
    assertThat(state()).isEqualTo(before);
  }

  @FunctionalInterface
  interface ThrowingCall {
    void run() throws ErrnoException;
  }

  @FunctionalInterface
  interface LongCall {
    long run();
  }

  @Test
  void lifeCycle() {
    assertThatThrownBy(() -> new DaxCore(null)).isInstanceOfSatisfying(ErrnoException.class,
        e -> assertThat(e.errno()).isEqualTo(Errno.EINVAL));
    // the one bad call that leaves a trace: alloc_dax WARNs, as the kernel does
    assertThatThrownBy(() -> core.allocDax(null, new FakeDriver(1, 0, 0, false, false)))
        .isInstanceOfSatisfying(ErrnoException.class,
            e -> assertThat(e.errno()).isEqualTo(Errno.EINVAL));
    assertThat(core.warnCount()).isEqualTo(1);
    assertThat(core.devices()).containsExactly(dax);
    for (long devt : BAD_DEVTS) {
      throwsErrno(Errno.EINVAL, () -> core.daxDevGet(devt));
    }
    throwsErrno(Errno.EINVAL, () -> core.putDax(foreign));
    throwsErrno(Errno.EINVAL, () -> core.killDax(foreign));
    throwsErrno(Errno.EINVAL, () -> core.runDax(null));
    throwsErrno(Errno.EINVAL, () -> core.runDax(foreign));
    throwsErrno(Errno.EINVAL, () -> core.runDax(freed));
    throwsErrno(Errno.EINVAL, () -> core.daxGetPrivate(null));
    throwsErrno(Errno.EINVAL, () -> core.daxGetPrivate(foreign));
    throwsErrno(Errno.EINVAL, () -> core.daxAlive(null));
    throwsErrno(Errno.EINVAL, () -> core.daxAlive(foreign));
    throwsErrno(Errno.EINVAL, () -> core.daxHolder(null));
    throwsErrno(Errno.EINVAL, () -> core.daxHolder(foreign));
    throwsErrno(Errno.EINVAL, () -> core.fsPutDax(foreign, "h"));
    // null devices are accepted where the kernel is NULL-safe
    String before = state();
    try {
      core.putDax(null);
      core.killDax(null);
      core.fsPutDax(null, "h");
    } catch (ErrnoException e) {
      throw new AssertionError(e);
    }
    assertThat(state()).isEqualTo(before);
  }

  @Test
  void directAccess() {
    for (long nr : BAD_COUNTS) {
      returns(Errno.EINVAL.neg(),
          () -> core.daxDirectAccess(dax, 0, nr, DaxAccessMode.DAX_ACCESS, null));
    }
    returns(Errno.EINVAL.neg(), () -> core.daxDirectAccess(dax, 0, 1, null, null));
    returns(Errno.EINVAL.neg(),
        () -> core.daxDirectAccess(foreign, 0, 1, DaxAccessMode.DAX_ACCESS, null));
    returns(Errno.EOPNOTSUPP.neg(),
        () -> core.daxDirectAccess(null, 0, -1, DaxAccessMode.DAX_ACCESS, null));
    returns(Errno.ENXIO.neg(),
        () -> core.daxDirectAccess(freed, -1, -1, null, null));
  }

  @Test
  void copyZeroRecoveryAndNotify() {
    for (long bytes : BAD_COUNTS) {
      returns(Errno.EINVAL.neg(), () -> core.daxCopyToIter(dax, 0, 0, bytes, iter));
      returns(Errno.EINVAL.neg(), () -> core.daxCopyFromIter(dax, 0, 0, bytes, iter));
      returns(Errno.EINVAL.neg(), () -> core.daxRecoveryWrite(dax, 0, 0, bytes, iter));
      returns(Errno.EIO.neg(), () -> core.daxZeroPageRange(dax, 0, bytes));
    }
    for (DaxDevice d : new DaxDevice[] {null, foreign}) {
      returns(Errno.EINVAL.neg(), () -> core.daxCopyToIter(d, 0, 0, 1, iter));
      returns(Errno.EINVAL.neg(), () -> core.daxCopyFromIter(d, 0, 0, 1, iter));
      returns(Errno.EINVAL.neg(), () -> core.daxRecoveryWrite(d, 0, 0, 1, iter));
      returns(Errno.EINVAL.neg(), () -> core.daxZeroPageRange(d, 0, 1));
      returns(Errno.EINVAL.neg(), () -> core.daxHolderNotifyFailure(d, 0, 1, 0));
      returns(Errno.EINVAL.neg(), () -> core.daxSetOps(d, drv));
    }
    returns(Errno.EINVAL.neg(), () -> core.daxCopyToIter(dax, 0, 0, 1, null));
    returns(Errno.EINVAL.neg(), () -> core.daxCopyFromIter(dax, 0, 0, 1, null));
    returns(Errno.EINVAL.neg(), () -> core.daxRecoveryWrite(dax, 0, 0, 1, null));
    returns(Errno.EOPNOTSUPP.neg(),
        () -> core.daxHolderNotifyFailure(dax, Long.MIN_VALUE, Pages.U64_MAX, -1));
    returns(Errno.EBUSY.neg(), () -> core.daxSetOps(dax, FakeDriver.granting(1)));
  }

  @Test
  void holders() {
    returns(Errno.ENODEV.neg(), () -> core.fsDaxGet(null, "h", null));
    returns(Errno.EINVAL.neg(), () -> core.fsDaxGet(foreign, "h", null));
    returns(Errno.EINVAL.neg(), () -> core.fsDaxGet(dax, null, null));
    returns(Errno.ENODEV.neg(), () -> core.fsDaxGet(freed, "h", null));
    assertThat(core.fsDaxGet(dax, "h", null)).isZero();
    returns(Errno.EBUSY.neg(), () -> core.fsDaxGet(dax, "h2", null));
  }

  @Test
  void flags() {
    throwsErrno(Errno.EINVAL, () -> core.daxFlush(dax, 0, -1));
    throwsErrno(Errno.EINVAL, () -> core.daxFlush(dax, 0, Long.MIN_VALUE));
    for (DaxDevice d : new DaxDevice[] {null, foreign}) {
      throwsErrno(Errno.EINVAL, () -> core.daxFlush(d, 0, 1));
      throwsErrno(Errno.EINVAL, () -> core.daxWriteCache(d, true));
      throwsErrno(Errno.EINVAL, () -> core.daxWriteCacheEnabled(d));
      throwsErrno(Errno.EINVAL, () -> core.daxSynchronous(d));
      throwsErrno(Errno.EINVAL, () -> core.setDaxSynchronous(d));
      throwsErrno(Errno.EINVAL, () -> core.setDaxNocache(d));
      throwsErrno(Errno.EINVAL, () -> core.setDaxNomc(d));
    }
    assertThat(dax.test(null)).isFalse();
  }

  @Test
  void locks() {
    String before = state();
    core.daxReadUnlock(2);
    core.daxReadUnlock(Integer.MIN_VALUE);
    assertThat(core.warnCount()).isEqualTo(2);
    core.srcu().synchronize(); // the counters were left alone: no hang
    assertThat(before).isNotEqualTo(state()); // only the two WARNs and one grace period
  }

  @Test
  void pmem() throws ErrnoException {
    PmemFixture f = new PmemFixture(16);
    long size = 16 * Pages.PAGE_SIZE;
    assertThatThrownBy(() -> PmemDaxOperations.create(null, PmemFixture.PHYS, size))
        .isInstanceOf(ErrnoException.class);
    long[][] bad = {
      {-Pages.PAGE_SIZE, size}, {PmemFixture.PHYS + 1, size}, {PmemFixture.PHYS, 0},
      {PmemFixture.PHYS, -Pages.PAGE_SIZE}, {PmemFixture.PHYS, size + 1},
      {Long.MAX_VALUE & Pages.PAGE_MASK, size}, {PmemFixture.PHYS, Long.MAX_VALUE & Pages.PAGE_MASK}
    };
    for (long[] b : bad) {
      assertThatThrownBy(() -> PmemDaxOperations.create(f.kas, b[0], b[1]))
          .as("create(0x%x, 0x%x)", b[0], b[1])
          .isInstanceOfSatisfying(ErrnoException.class,
              e -> assertThat(e.errno()).isIn(Errno.EINVAL, Errno.EOVERFLOW));
    }
    assertThatThrownBy(() -> f.pmem.attach(null)).isInstanceOf(ErrnoException.class);
    for (long p : new long[] {-1, 16, Long.MAX_VALUE, Long.MIN_VALUE}) {
      assertThatThrownBy(() -> f.pmem.setBadPage(p)).isInstanceOf(ErrnoException.class);
      assertThatThrownBy(() -> f.pmem.clearBadPage(p)).isInstanceOf(ErrnoException.class);
      assertThatThrownBy(() -> f.pmem.injectPoison(p)).isInstanceOf(ErrnoException.class);
      assertThat(f.pmem.isBadPage(p)).isFalse();
      KaddrPfn out = new KaddrPfn();
      assertThat(f.pmem.directAccess(f.dax, p, 1, DaxAccessMode.DAX_ACCESS, out)).isZero();
      assertThat(out.kaddr()).isEqualTo(KaddrPfn.UNSET);
      assertThat(f.core.daxDirectAccess(f.dax, p, 1, DaxAccessMode.DAX_ACCESS, out))
          .isEqualTo(Errno.ERANGE.neg());
      assertThat(f.pmem.zeroPageRange(f.dax, p, 1)).isEqualTo(Errno.EIO.neg());
      assertThat(f.pmem.recoveryWrite(f.dax, p, 0, 1, Fixtures.source(new byte[1]))).isZero();
    }
    for (long nr : BAD_COUNTS) {
      assertThat(f.pmem.directAccess(f.dax, 0, nr, DaxAccessMode.DAX_ACCESS, null))
          .isEqualTo(Errno.EINVAL.neg());
      assertThat(f.pmem.recoveryWrite(f.dax, 0, f.pmem.virtAddr(), nr,
          Fixtures.source(new byte[1]))).isZero();
    }
    assertThat(f.pmem.recoveryWrite(f.dax, 0, f.pmem.virtAddr(), 1, null)).isZero();
    assertThat(f.pmem.badPageCount()).isZero();
    assertThat(f.media.poisonedPages()).isZero();
    assertThat(f.media.residentBytes()).isZero();
  }
}
