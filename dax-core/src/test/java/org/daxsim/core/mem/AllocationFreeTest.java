package org.daxsim.core.mem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import org.daxsim.core.ErrnoException;
import org.junit.jupiter.api.Test;

/** The hot paths allocate nothing: reads, copies into written blocks, window lookups. */
class AllocationFreeTest {
  @FunctionalInterface
  private interface Body {
    long run(int i) throws ErrnoException;
  }

  private static long allocatedBy(Body body) throws ErrnoException {
    java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    assumeTrue(mx instanceof com.sun.management.ThreadMXBean);
    com.sun.management.ThreadMXBean hs = (com.sun.management.ThreadMXBean) mx;
    assumeTrue(hs.isThreadAllocatedMemorySupported() && hs.isThreadAllocatedMemoryEnabled());
    long sink = 0;
    for (int i = 0; i < 50_000; i++) { // warm up: let the JIT compile the path
      sink += body.run(i);
    }
    long tid = Thread.currentThread().getId();
    long before = hs.getThreadAllocatedBytes(tid);
    for (int i = 0; i < 100_000; i++) {
      sink += body.run(i);
    }
    long after = hs.getThreadAllocatedBytes(tid);
    assertThat(sink).isNotEqualTo(Long.MIN_VALUE); // keep the loop's work alive
    return after - before;
  }

  @Test
  void hotPathsAllocateNothing() throws ErrnoException {
    MemoryDevice dev = MemoryDevice.create("hot", 1L << 40);
    MemoryDevice other = MemoryDevice.create("other", 1L << 40);
    PhysicalAddressSpace phys = new PhysicalAddressSpace();
    for (int w = 0; w < 64; w++) {
      phys.map((long) w << 32, 1L << 30, dev, (long) w << 30);
    }
    byte[] buf = new byte[3 * 4096];
    dev.write(12345, buf, 0, buf.length);
    other.write(99_999, buf, 0, buf.length);
    dev.poison(1L << 39);

    // 100k iterations: even one 16-byte object each would show as >1.5 MB.
    long slack = 64 * 1024;
    assertThat(
            allocatedBy(
                i -> {
                  dev.read(12345 + (i & 1023), buf, 0, 8192);
                  return buf[7];
                }))
        .as("MemoryDevice.read")
        .isLessThan(slack);
    assertThat(
            allocatedBy(
                i -> {
                  MemoryDevice.copy(dev, 12345, other, 99_999 + (i & 255), 8000);
                  return 0;
                }))
        .as("MemoryDevice.copy")
        .isLessThan(slack);
    assertThat(allocatedBy(i -> dev.readLong(12345 + (i & 4095)))).as("readLong").isLessThan(slack);
    assertThat(
            allocatedBy(
                i -> {
                  PhysWindow w = phys.find(((long) (i & 63) << 32) + i);
                  return w == null ? 0 : w.devOffset();
                }))
        .as("find")
        .isLessThan(slack);
    assertThat(allocatedBy(i -> phys.backedLength((long) (i & 63) << 32, 1L << 31)))
        .as("backedLength")
        .isLessThan(slack);
    assertThat(allocatedBy(i -> phys.firstPoison(0, 1L << 40))).as("firstPoison").isLessThan(slack);
    assertThat(allocatedBy(i -> dev.firstPoison(i, 1L << 39)))
        .as("device firstPoison")
        .isLessThan(slack);
  }
}
