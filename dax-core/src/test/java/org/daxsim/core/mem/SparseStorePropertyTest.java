package org.daxsim.core.mem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.daxsim.core.mem.MemTesting.PAGE;
import static org.daxsim.core.mem.MemTesting.assertSameBytes;
import static org.daxsim.core.mem.MemTesting.offsets;
import static org.daxsim.core.mem.MemTesting.pattern;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.daxsim.core.ErrnoException;
import org.daxsim.prop.Action;
import org.daxsim.prop.Gen;
import org.daxsim.prop.Stateful;
import org.junit.jupiter.api.Test;

/**
 * The sparse store at scale: two 1 TiB devices against an obviously right model, a TreeMap from
 * page number to its 4096 bytes (an absent page is zeros). Accesses cluster around 64 anchors
 * spread over the whole device (each at a different alignment to the 64 KiB leaf chunks, the
 * last at the device end), so a case creates up to a few hundred leaves and grows the hash table
 * several times, while zeroing ranges of many GiB takes the table-scan path.
 */
class SparseStorePropertyTest {
  private static final long TIB = 1L << 40;
  private static final long PAGES = TIB / PAGE;
  private static final int ANCHORS = 64;

  /** The system: two 1 TiB devices. */
  static final class Devices {
    final MemoryDevice[] dev = new MemoryDevice[2];

    Devices() {
      try {
        dev[0] = MemoryDevice.create("s0", TIB);
        dev[1] = MemoryDevice.create("s1", TIB);
      } catch (ErrnoException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** The model: per device, page number to contents. */
  static final class Pages {
    @SuppressWarnings("unchecked")
    final TreeMap<Long, byte[]>[] pages = new TreeMap[] {new TreeMap<>(), new TreeMap<>()};

    void write(int d, long off, byte[] src, int srcOff, int len) {
      while (len > 0) {
        int in = (int) (off % PAGE);
        int n = Math.min(len, PAGE - in);
        System.arraycopy(src, srcOff, pages[d].computeIfAbsent(off / PAGE, p -> new byte[PAGE]),
            in, n);
        off += n;
        srcOff += n;
        len -= n;
      }
    }

    byte[] read(int d, long off, int len) {
      byte[] out = new byte[len];
      for (int done = 0; done < len; ) {
        int in = (int) ((off + done) % PAGE);
        int n = Math.min(len - done, PAGE - in);
        byte[] page = pages[d].get((off + done) / PAGE);
        if (page != null) {
          System.arraycopy(page, in, out, done, n);
        }
        done += n;
      }
      return out;
    }

    void zero(int d, long off, long len) {
      for (Map.Entry<Long, byte[]> e : pages[d].subMap(off / PAGE, (off + len + PAGE - 1) / PAGE)
          .entrySet()) {
        long base = e.getKey() * PAGE;
        int from = (int) (Math.max(off, base) - base);
        int to = (int) (Math.min(off + len, base + PAGE) - base);
        Arrays.fill(e.getValue(), from, to, (byte) 0);
      }
    }
  }

  /** An offset near anchor {@code k}: page k/64 of the way through, shifted by k % 16 pages. */
  private static Gen<Long> nearAnchor(int span) {
    return src -> {
      int k = src.chooseInt(0, ANCHORS - 1);
      long page = k == ANCHORS - 1 ? PAGES - 48 : k * (PAGES / ANCHORS) + k % 16;
      return Math.min(page * PAGE + src.draw(offsets(0, 48L * PAGE)), TIB - span);
    };
  }

  private static Gen<Action<Devices, Pages>> steps() {
    Gen<Action<Devices, Pages>> write = src -> {
      int d = src.chooseInt(0, 1);
      int len = src.draw(offsets(0, 3 * PAGE)).intValue();
      long off = src.draw(nearAnchor(len));
      int fill = src.chooseInt(0, 255);
      return Action.of(String.format("write(dev=%d, off=0x%x, len=%d, fill=%d)",
          d, off, len, fill), (sut, m) -> {
            byte[] data = pattern(fill, len);
            sut.dev[d].write(off, data, 0, len);
            m.write(d, off, data, 0, len);
          });
    };
    Gen<Action<Devices, Pages>> read = src -> {
      int d = src.chooseInt(0, 1);
      int len = src.draw(offsets(0, 3 * PAGE)).intValue();
      long off = src.draw(nearAnchor(len));
      return Action.of(String.format("read(dev=%d, off=0x%x, len=%d)", d, off, len),
          (sut, m) -> {
            byte[] dst = new byte[len];
            Arrays.fill(dst, (byte) 0x5a);
            sut.dev[d].read(off, dst, 0, len);
            assertSameBytes(dst, m.read(d, off, len), "read");
          });
    };
    Gen<Action<Devices, Pages>> zero = src -> {
      int d = src.chooseInt(0, 1);
      long off;
      long len;
      switch (src.chooseInt(0, 2)) {
        case 0 -> { // small: through the chunk-by-chunk path
          len = src.draw(offsets(0, 40L * PAGE));
          off = src.draw(nearAnchor((int) len));
        }
        case 1 -> { // many GiB from an arbitrary byte: through the table scan
          off = src.draw(nearAnchor(0));
          len = Math.min(TIB - off, src.choose(1, 64) << 30);
        }
        default -> { // the whole device
          off = 0;
          len = TIB;
        }
      }
      return Action.of(String.format("zero(dev=%d, off=0x%x, len=0x%x)", d, off, len),
          (sut, m) -> {
            sut.dev[d].zero(off, len);
            m.zero(d, off, len);
            if (len == TIB) {
              assertThat(sut.dev[d].residentBytes()).as("resident after zeroing all").isZero();
            }
          });
    };
    Gen<Action<Devices, Pages>> copy = src -> {
      int from = src.chooseInt(0, 1);
      int to = src.chooseInt(0, 1);
      int len = src.draw(offsets(0, 3 * PAGE)).intValue();
      long srcOff = src.draw(nearAnchor(len));
      // Half the time overlap the source (memmove in either direction) when on one device.
      long dstOff = src.flip() ? src.draw(nearAnchor(len))
          : Math.max(0, Math.min(TIB - len, srcOff + src.choose(-2 * PAGE, 2 * PAGE)));
      return Action.of(String.format("copy(dev%d 0x%x -> dev%d 0x%x, len=%d)",
          from, srcOff, to, dstOff, len), (sut, m) -> {
            MemoryDevice.copy(sut.dev[from], srcOff, sut.dev[to], dstOff, len);
            m.write(to, dstOff, m.read(from, srcOff, len), 0, len);
          });
    };
    return Gen.frequency(
        Map.entry(4, write), Map.entry(2, read), Map.entry(1, zero), Map.entry(2, copy));
  }

  /**
   * Property: after every step of any sequence of writes, reads, zeroing (small, many GiB, whole
   * device) and copies (between the devices and overlapping within one), every page the model
   * knows and the page after it read exactly as the model, and no more blocks are resident than
   * the model has pages.
   */
  @Test
  void scatteredAccessMatchesPageModel() {
    Stateful.of(Devices::new, Pages::new)
        .named("1 TiB sparse devices match a page-map model")
        .actions(steps())
        .invariant((sut, m) -> {
          byte[] buf = new byte[PAGE];
          for (int d = 0; d < 2; d++) {
            for (Map.Entry<Long, byte[]> e : m.pages[d].entrySet()) {
              for (long p = e.getKey(); p <= e.getKey() + 1 && p < PAGES; p++) {
                sut.dev[d].read(p * PAGE, buf, 0, PAGE);
                assertSameBytes(buf, m.read(d, p * PAGE, PAGE), "dev" + d + " page 0x"
                    + Long.toHexString(p));
              }
            }
            assertThat(sut.dev[d].residentBytes()).as("dev%d resident", d)
                .isLessThanOrEqualTo(m.pages[d].size() * (long) PAGE);
          }
        })
        .maxSteps(80)
        .check();
  }
}
