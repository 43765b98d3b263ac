package org.daxsim.core.mm;

import org.daxsim.core.Args;
import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;
import org.daxsim.core.Pages;

/**
 * struct iov_iter (include/linux/uio.h, lib/iov_iter.c): a cursor over the memory a read or
 * write moves data into or out of, and the kernel's copy routines that feed it. Mutable and not
 * thread-safe, like the kernel's. Kinds: user memory of one process ({@link #ubuf}, {@link
 * #iovec}), kernel virtual memory ({@link #kvec}), and a kmalloc'ed kernel buffer modelled as a
 * Java array ({@link #kbuf}, always mapped).
 */
public final class IovIter {
  /** READ: data flows into the iterator (copy_to_iter). */
  public static final int ITER_DEST = 0;
  /** WRITE: data flows out of the iterator (copy_from_iter). */
  public static final int ITER_SOURCE = 1;
  /** MAX_RW_COUNT: INT_MAX rounded down to a page, the most one read/write transfers. */
  public static final long MAX_RW_COUNT = Integer.MAX_VALUE & Pages.PAGE_MASK;
  /** UIO_MAXIOV: the most segments an iovec may have. */
  public static final int UIO_MAXIOV = 1024;

  /** The iterator's type (enum iter_type); KBUF is an ITER_KVEC over a kmalloc'ed buffer. */
  public enum Kind {
    UBUF,
    IOVEC,
    KVEC,
    KBUF
  }

  final Kind kind;
  final int dir;
  final Mm mm;
  final KernelAddressSpace kas;
  final long[] base;
  final long[] len;
  final byte[] buf;
  int seg;
  long segOff;
  long count;
  long consumed;

  private IovIter(Kind kind, int dir, Mm mm, KernelAddressSpace kas, long[] base, long[] len,
      byte[] buf, long count) {
    this.kind = kind;
    this.dir = dir;
    this.mm = mm;
    this.kas = kas;
    this.base = base;
    this.len = len;
    this.buf = buf;
    this.count = count;
  }

  /**
   * import_ubuf(): one user buffer of process {@code mm}. The length is clamped to {@link
   * #MAX_RW_COUNT}; EFAULT when the range fails access_ok(); EINVAL for bad arguments.
   */
  public static IovIter ubuf(Mm mm, int dir, long uaddr, long len) throws ErrnoException {
    Args.notNull(mm, "mm");
    checkDir(dir);
    Args.nonNegative(len, "len");
    len = Math.min(len, MAX_RW_COUNT);
    if (!accessOk(uaddr, len)) {
      throw ErrnoException.of(Errno.EFAULT, "user buffer 0x%x+0x%x fails access_ok", uaddr, len);
    }
    return new IovIter(Kind.UBUF, dir, mm, mm.kas(), new long[] {uaddr}, new long[] {len}, null,
        len);
  }

  /**
   * import_iovec(): user segments of process {@code mm}. EINVAL for mismatched or null arrays,
   * more than {@link #UIO_MAXIOV} segments or a negative length; EFAULT for a segment failing
   * access_ok(); the total is clamped to {@link #MAX_RW_COUNT} (later segments shortened).
   */
  public static IovIter iovec(Mm mm, int dir, long[] addrs, long[] lens) throws ErrnoException {
    Args.notNull(mm, "mm");
    checkDir(dir);
    long[][] segs = segments(addrs, lens, UIO_MAXIOV);
    long total = 0;
    for (int i = 0; i < segs[1].length; i++) {
      long l = segs[1][i];
      if (!accessOk(segs[0][i], l)) {
        throw ErrnoException.of(Errno.EFAULT, "segment %d 0x%x+0x%x fails access_ok", i,
            segs[0][i], l);
      }
      segs[1][i] = Math.min(l, MAX_RW_COUNT - total);
      total += segs[1][i];
    }
    return new IovIter(Kind.IOVEC, dir, mm, mm.kas(), segs[0], segs[1], null, total);
  }

  /** iov_iter_kvec() with one segment of kernel virtual memory. */
  public static IovIter kvec(KernelAddressSpace kas, int dir, long kaddr, long len)
      throws ErrnoException {
    return kvec(kas, dir, new long[] {kaddr}, new long[] {len});
  }

  /**
   * iov_iter_kvec(): segments of kernel virtual memory (not checked until a copy touches them).
   * EINVAL for null or mismatched arrays, negative lengths, a segment wrapping around the
   * address space, or a total beyond Long.MAX_VALUE.
   */
  public static IovIter kvec(KernelAddressSpace kas, int dir, long[] kaddrs, long[] lens)
      throws ErrnoException {
    Args.notNull(kas, "kas");
    checkDir(dir);
    long[][] segs = segments(kaddrs, lens, Integer.MAX_VALUE);
    long total = 0;
    for (int i = 0; i < segs[1].length; i++) {
      if (Long.compareUnsigned(segs[0][i] + segs[1][i], segs[0][i]) < 0
          && segs[0][i] + segs[1][i] != 0) {
        throw ErrnoException.of(Errno.EINVAL, "segment %d wraps around", i);
      }
      total = Args.add(total, segs[1][i], "kvec total");
    }
    return new IovIter(Kind.KVEC, dir, null, kas, segs[0], segs[1], null, total);
  }

  /** A kernel buffer {@code buf[off, off + len)}, e.g. kernel_read() into a kmalloc'ed page. */
  public static IovIter kbuf(int dir, byte[] buf, int off, int len) throws ErrnoException {
    checkDir(dir);
    Args.notNull(buf, "buf");
    Args.arrayRange(off, len, buf.length, "buf");
    return new IovIter(Kind.KBUF, dir, null, null, new long[] {off}, new long[] {len}, buf, len);
  }

  public Kind kind() {
    return kind;
  }

  /** {@link #ITER_DEST} or {@link #ITER_SOURCE}. */
  public int dir() {
    return dir;
  }

  /** user_backed_iter(): true for UBUF and IOVEC. */
  public boolean isUser() {
    return kind == Kind.UBUF || kind == Kind.IOVEC;
  }

  /** The process whose memory a user iterator covers; null for kernel iterators. */
  public Mm mm() {
    return mm;
  }

  /** iov_iter_count(): bytes left. */
  public long count() {
    return count;
  }

  /** iov_iter_advance(): skips {@code n} bytes (at most {@link #count()}); EINVAL if negative. */
  public void advance(long n) throws ErrnoException {
    Args.nonNegative(n, "n");
    advanceBy(Math.min(n, count));
  }

  /** iov_iter_revert(): steps back {@code n} consumed bytes; EINVAL beyond what was consumed. */
  public void revert(long n) throws ErrnoException {
    Args.nonNegative(n, "n");
    if (n > consumed) {
      throw ErrnoException.of(Errno.EINVAL, "cannot revert %d bytes, only %d consumed", n,
          consumed);
    }
    count += n;
    consumed -= n;
    while (n > 0) {
      if (segOff >= n) {
        segOff -= n;
        n = 0;
      } else {
        n -= segOff;
        seg--;
        segOff = len[seg];
      }
    }
  }

  /** iov_iter_truncate(): limits {@link #count()} to {@code n}; EINVAL if negative. */
  public void truncate(long n) throws ErrnoException {
    Args.nonNegative(n, "n");
    count = Math.min(count, n);
  }

  // ---- the copy routines (lib/iov_iter.c) -------------------------------------------------

  /**
   * _copy_to_iter(): copies up to {@code bytes} from kernel address {@code kaddr} into the
   * iterator and advances it; returns the bytes copied, short on a fault (see {@link
   * UserCopy} for how {@code kaddr} is resolved). 0 for an ITER_SOURCE iterator (the kernel
   * WARNs) or for bad arguments (null, negative, a user iterator of another host). May throw
   * {@link org.daxsim.core.Oops} where the kernel would oops.
   */
  public static long copyToIter(KernelAddressSpace kas, long kaddr, long bytes, IovIter i) {
    return UserCopy.toIter(kas, kaddr, bytes, i, false);
  }

  /**
   * _copy_mc_to_iter(): as {@link #copyToIter} but machine-check safe: poison (or a fault) in
   * the source ends the copy at the poisoned page, returning the bytes before it.
   */
  public static long copyMcToIter(KernelAddressSpace kas, long kaddr, long bytes, IovIter i) {
    return UserCopy.toIter(kas, kaddr, bytes, i, true);
  }

  /** _copy_from_iter(): copies up to {@code bytes} from the iterator to {@code kaddr}. */
  public static long copyFromIter(KernelAddressSpace kas, long kaddr, long bytes, IovIter i) {
    return UserCopy.fromIter(kas, kaddr, bytes, i, false);
  }

  /**
   * _copy_from_iter_flushcache(): same data effect as {@link #copyFromIter}; a separate entry
   * so that the cache-bypassing (NOCACHE) path shows in traces.
   */
  public static long copyFromIterFlushcache(KernelAddressSpace kas, long kaddr, long bytes,
      IovIter i) {
    return UserCopy.fromIter(kas, kaddr, bytes, i, true);
  }

  // ---- internals --------------------------------------------------------------------------

  /** Skips empty segments; afterwards {@link #segRemaining()} is positive if count > 0. */
  void skipEmpty() {
    while (seg < len.length && segOff == len[seg]) {
      seg++;
      segOff = 0;
    }
  }

  long segAddr() {
    return base[seg] + segOff;
  }

  long segRemaining() {
    return seg < len.length ? len[seg] - segOff : 0;
  }

  void advanceBy(long n) {
    count -= n;
    consumed += n;
    while (n > 0) {
      long rem = len[seg] - segOff;
      if (n < rem) {
        segOff += n;
        n = 0;
      } else {
        n -= rem;
        seg++;
        segOff = 0;
      }
    }
  }

  /** access_ok(): the range lies below TASK_SIZE and does not wrap. */
  static boolean accessOk(long addr, long size) {
    long end = addr + size;
    return Long.compareUnsigned(end, addr) >= 0 && Long.compareUnsigned(end, Mman.TASK_SIZE) <= 0;
  }

  private static void checkDir(int dir) throws ErrnoException {
    if (dir != ITER_DEST && dir != ITER_SOURCE) {
      throw ErrnoException.of(Errno.EINVAL, "direction must be ITER_DEST or ITER_SOURCE: %d", dir);
    }
  }

  private static long[][] segments(long[] addrs, long[] lens, int max) throws ErrnoException {
    Args.notNull(addrs, "addrs");
    Args.notNull(lens, "lens");
    if (addrs.length != lens.length || addrs.length > max) {
      throw ErrnoException.of(Errno.EINVAL, "%d addresses, %d lengths (at most %d segments)",
          addrs.length, lens.length, max);
    }
    for (int i = 0; i < lens.length; i++) {
      Args.nonNegative(lens[i], "segment length");
    }
    return new long[][] {addrs.clone(), lens.clone()};
  }

  @Override
  public String toString() {
    return String.format("iov_iter{%s, %s, count=%d, seg=%d/%d, off=%d}", kind,
        dir == ITER_DEST ? "DEST" : "SOURCE", count, seg, len.length, segOff);
  }
}
