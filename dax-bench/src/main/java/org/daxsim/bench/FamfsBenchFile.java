package org.daxsim.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.daxsim.core.ErrnoException;
import org.daxsim.core.mem.MemoryDevice;
import org.daxsim.core.mem.PhysWindow;
import org.daxsim.core.mm.Mm;
import org.daxsim.core.mm.Mman;
import org.daxsim.fs.vfs.Fcntl;
import org.daxsim.fs.vfs.Process;
import org.daxsim.sim.DaxSim;
import org.daxsim.sim.Host;
import org.daxsim.sim.Result;
import org.daxsim.sim.Shell;

/**
 * One famfs file on a multi-range dev_dax, built the way a user would: a daxsim world whose
 * shell runs daxctl (dax0.1 grown in {@link #RANGES} steps of 260 MiB, each step separated
 * from the previous range by a 2 MiB spacer device, so the ranges are physically apart),
 * {@code daxctl reconfigure-device -m famfs}, {@code mkfs.famfs}, {@code famfs mount} and
 * {@code famfs creat} (simple: one contiguous extent across several ranges; interleaved:
 * {@code -N 4 -B 4 -C 2m}, four strips in four 1040 MiB buckets). The content is written once
 * straight into the memory device behind the ranges (the fast path: no kernel in the way), a
 * distinct pattern per 1 MiB chunk; {@link #chunkDevOff} says where each 1 MiB chunk of the
 * file lives in that memory device, found by faulting a mapping of the file.
 */
final class FamfsBenchFile {
  static final int CHUNK = 1 << 20;
  /** dax0.1's ranges: 16 x 260 MiB = 4160 MiB, above mkfs.famfs's 4 GiB minimum. */
  static final int RANGES = 16;
  static final long RANGE_MIB = 260;
  static final String PATH = "/mnt/bench";

  final Shell shell;
  final Host host;
  final Process proc;
  final MemoryDevice mem;
  final long size;
  final int chunks;
  /** Device offset in {@link #mem} of each 1 MiB file chunk (each physically contiguous). */
  final long[] chunkDevOff;

  /** Builds the file; its content is written only if {@code fill} (faults need none). */
  FamfsBenchFile(long sizeMiB, boolean interleaved, boolean fill) throws Exception {
    size = sizeMiB << 20;
    chunks = (int) sizeMiB;
    shell = DaxSim.newShell(DaxSim.newWorld());
    run("region add --size 8G --idle");
    run("daxctl create-device -r 0 -s " + RANGE_MIB + "M");
    for (int i = 2; i <= RANGES; i++) {
      run("daxctl create-device -r 0 -s 2M");
      run("daxctl disable-device dax0.1");
      run("daxctl reconfigure-device -s " + (RANGE_MIB * i) + "M dax0.1");
    }
    run("daxctl reconfigure-device -m famfs dax0.1");
    run("mkfs.famfs /dev/dax0.1");
    run("famfs mount /dev/dax0.1 /mnt");
    run("famfs creat -s " + sizeMiB + "m " + (interleaved ? "-N 4 -B 4 -C 2m " : "") + PATH);
    host = shell.world().currentHost();
    proc = host.root();
    chunkDevOff = new long[chunks];
    mem = locateChunks();
    if (fill) {
      fill();
    }
  }

  private void run(String line) throws Exception {
    Result r = shell.execute(line);
    if (r.exit() != 0) {
      throw new IllegalStateException(line + ": " + r.stderr());
    }
  }

  /** Number of distinct dax0.1 ranges the file's 1 MiB chunks lie in (a sanity figure). */
  int rangesTouched() {
    List<Long> starts = new ArrayList<>();
    for (var range : host.bus().device("dax0.1").ranges()) {
      for (long off : chunkDevOff) {
        long phys = physOf(off);
        if (phys >= range.start() && phys <= range.end() && !starts.contains(range.start())) {
          starts.add(range.start());
          break;
        }
      }
    }
    return starts.size();
  }

  private long physOf(long devOff) {
    for (PhysWindow w : host.phys().windows()) {
      if (w.device() == mem && devOff >= w.devOffset() && devOff - w.devOffset() < w.length()) {
        return w.physStart() + (devOff - w.devOffset());
      }
    }
    return -1;
  }

  /** Maps the file, faults each chunk and records its memory-device offset. */
  private MemoryDevice locateChunks() throws Exception {
    int fd = proc.open(PATH, Fcntl.O_RDONLY);
    long va = proc.mmap(0, size, Mman.PROT_READ, Mman.MAP_SHARED, fd, 0);
    Mm mm = proc.mm();
    MemoryDevice dev = null;
    try {
      for (int k = 0; k < chunks; k++) {
        long at = va + (long) k * CHUNK;
        mm.loadLong(at);
        mm.loadLong(at + CHUNK - 8);
        long first = mm.translate(at);
        long last = mm.translate(at + CHUNK - 1);
        PhysWindow w = host.phys().find(first);
        if (last != first + CHUNK - 1 || w == null || !w.contains(last)
            || (dev != null && w.device() != dev)) {
          throw new IllegalStateException("chunk " + k + " is not contiguous in one device");
        }
        dev = w.device();
        chunkDevOff[k] = w.toDeviceOffset(first);
      }
    } finally {
      proc.munmap(va, size);
      proc.close(fd);
    }
    return dev;
  }

  /** Writes a pseudo-random 1 MiB pattern, varied per chunk, into every chunk. */
  private void fill() throws ErrnoException {
    byte[] buf = new byte[CHUNK];
    new SplittableRandom(0xfa3f5L).nextBytes(buf);
    for (int k = 0; k < chunks; k++) {
      buf[k & (CHUNK - 1)] ^= (byte) (k | 1);
      mem.write(chunkDevOff[k], buf, 0, CHUNK);
    }
  }
}
