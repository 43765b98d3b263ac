package org.daxsim.core.mem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.fail;

import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;
import org.daxsim.prop.Action;
import org.daxsim.prop.Gen;

/** Seeds, generators, models and assertions shared by the mem tests. */
final class MemTesting {
  static final int PAGE = 4096;

  private MemTesting() {}

  /**
   * Base seed of the tests that are not properties (concurrency, the sparse heap test):
   * -Ddax.prop.seed=N replays a run; each use derives its own seed from it. Properties take
   * their seed from dax-prop, which reads the same system property.
   */
  static long baseSeed() {
    String s = System.getProperty("dax.prop.seed", "");
    if (s.isBlank()) {
      return 0x5eed_da75_1a11L;
    }
    return s.startsWith("0x") ? Long.parseUnsignedLong(s.substring(2), 16) : Long.parseLong(s);
  }

  /** The seed of use {@code i} of {@link #baseSeed()}. */
  static long caseSeed(int i) {
    return baseSeed() + 0x9E3779B97F4A7C15L * (i + 1);
  }

  @FunctionalInterface
  interface Call {
    void run() throws Exception;
  }

  /** Asserts that {@code call} throws an ErrnoException carrying {@code errno}. */
  static void assertErrno(Errno errno, Call call) {
    Throwable t = catchThrowable(call::run);
    assertThat(t).as("expected %s", errno).isInstanceOf(ErrnoException.class);
    assertThat(((ErrnoException) t).errno()).as("errno of: %s", t.getMessage()).isEqualTo(errno);
  }

  // ---- generators ---------------------------------------------------------------------------

  /**
   * Offsets in {@code [min, max]}: a quarter of them on a 4 KiB boundary and a quarter within 8
   * bytes of one, where block and page splitting go wrong, the rest uniform. Shrinks toward exact
   * page boundaries near {@code min}, so shrunk counterexamples show round numbers.
   */
  static Gen<Long> offsets(long min, long max) {
    return src -> {
      if (src.flip()) {
        return src.choose(min, max);
      }
      long edge = src.choose(Math.floorDiv(min, PAGE), Math.floorDiv(max, PAGE) + 1) * PAGE;
      boolean near = src.flip();
      long delta = src.choose(near ? -8 : 0, near ? 8 : 0);
      return Math.max(min, Math.min(max, edge + delta));
    };
  }

  /** {@link #offsets(long, long)} as ints. */
  static Gen<Integer> intOffsets(int min, int max) {
    return offsets(min, max).map(Long::intValue);
  }

  /**
   * {@code len} bytes of fill pattern {@code fill}: a hash of the fill and the index, so that no
   * shift of the data (by one byte or by a whole block) leaves it unchanged. Never zero, so data
   * always differs from unwritten or zeroed memory.
   */
  static byte[] pattern(int fill, int len) {
    byte[] b = new byte[len];
    for (int i = 0; i < len; i++) {
      long h = fill * 0x9E3779B97F4A7C15L + i;
      h = (h ^ (h >>> 33)) * 0xff51afd7ed558ccdL;
      h = (h ^ (h >>> 33)) * 0xc4ceb9fe1a85ec53L;
      b[i] = (byte) (1 + Long.remainderUnsigned(h ^ (h >>> 33), 255));
    }
    return b;
  }

  // ---- one memory device against a byte[] model --------------------------------------------

  /** The system of the device properties: the device, made by the first step. */
  static final class Device {
    MemoryDevice dev;
  }

  /** The model of a device: plain bytes, null until the first step. */
  static final class Bytes {
    byte[] bytes;

    int size() {
      return bytes.length;
    }
  }

  /**
   * The first step of a device property, {@code create(pages=n)} with {@code 1 <= n <=
   * maxPages}: generated like the other steps, so the device size shrinks too.
   */
  static Gen<Action<Device, Bytes>> create(int maxPages) {
    return Gen.ints(1, maxPages).map(pages -> Action.of("create(pages=" + pages + ")",
        (sut, model) -> {
          sut.dev = MemoryDevice.create("m", (long) pages * PAGE);
          model.bytes = new byte[pages * PAGE];
        }));
  }

  /** The whole device reads as the model (nothing once the device exists: see create). */
  static void assertDeviceIs(Device sut, Bytes model) throws ErrnoException {
    if (model.bytes != null) {
      assertContents(sut.dev, model.bytes, "device");
    }
  }

  /** {@code dev} holds exactly {@code expected}; a mismatch names the first differing byte. */
  static void assertContents(MemoryDevice dev, byte[] expected, String what)
      throws ErrnoException {
    byte[] actual = new byte[expected.length];
    dev.read(0, actual, 0, actual.length);
    assertSameBytes(actual, expected, what);
  }

  /** Arrays equal; a mismatch names the first differing index instead of printing both. */
  static void assertSameBytes(byte[] actual, byte[] expected, String what) {
    int at = java.util.Arrays.mismatch(actual, expected);
    if (at >= 0) {
      int differing = 0;
      for (int i = at; i < Math.min(actual.length, expected.length); i++) {
        differing += actual[i] != expected[i] ? 1 : 0;
      }
      fail("%s byte %d (0x%x) is %s, model has %s (%d bytes differ; lengths %d and %d)",
          what, at, at, hex(actual, at), hex(expected, at), differing, actual.length,
          expected.length);
    }
  }

  private static String hex(byte[] b, int i) {
    return i < b.length ? String.format("0x%02x", b[i] & 0xff) : "absent";
  }
}
