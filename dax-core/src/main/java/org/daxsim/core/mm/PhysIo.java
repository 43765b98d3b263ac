package org.daxsim.core.mm;

import org.daxsim.core.ErrnoException;
import org.daxsim.core.mem.MemoryDevice;
import org.daxsim.core.mem.PhysWindow;

/**
 * Moves bytes between physical pages once the mm layer has resolved both ends to windows. The
 * callers bound every piece to one page inside its window, so the device's argument checks
 * cannot fail; a failure here is a bug in this package, reported as an {@link AssertionError}.
 */
final class PhysIo {
  private PhysIo() {}

  static void read(PhysWindow w, long phys, byte[] dst, int off, int len) {
    try {
      w.device().read(w.toDeviceOffset(phys), dst, off, len);
    } catch (ErrnoException e) {
      throw new AssertionError(e);
    }
  }

  static void write(PhysWindow w, long phys, byte[] src, int off, int len) {
    try {
      w.device().write(w.toDeviceOffset(phys), src, off, len);
    } catch (ErrnoException e) {
      throw new AssertionError(e);
    }
  }

  static void copy(PhysWindow sw, long src, PhysWindow dw, long dst, long len) {
    try {
      MemoryDevice.copy(sw.device(), sw.toDeviceOffset(src), dw.device(), dw.toDeviceOffset(dst),
          len);
    } catch (ErrnoException e) {
      throw new AssertionError(e);
    }
  }

  static void zero(PhysWindow w, long phys, long len) {
    try {
      w.device().zero(w.toDeviceOffset(phys), len);
    } catch (ErrnoException e) {
      throw new AssertionError(e);
    }
  }

  /** Whether the page holding {@code phys} (inside {@code w}) is poisoned. */
  static boolean isPoisoned(PhysWindow w, long phys) {
    try {
      return w.device().isPoisoned(w.toDeviceOffset(phys));
    } catch (ErrnoException e) {
      throw new AssertionError(e);
    }
  }

  static long readLong(PhysWindow w, long phys) {
    try {
      return w.device().readLong(w.toDeviceOffset(phys));
    } catch (ErrnoException e) {
      throw new AssertionError(e);
    }
  }

  static void writeLong(PhysWindow w, long phys, long value) {
    try {
      w.device().writeLong(w.toDeviceOffset(phys), value);
    } catch (ErrnoException e) {
      throw new AssertionError(e);
    }
  }
}
