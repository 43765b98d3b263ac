package org.daxsim.bench;

import java.util.concurrent.TimeUnit;
import org.daxsim.core.mm.Mman;
import org.daxsim.fs.vfs.Fcntl;
import org.daxsim.fs.vfs.Process;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Benchmark 3 of issue 8: sequential 1 MiB read(2) calls on a 1 GiB famfs file on a 16-range
 * dev_dax ({@link FamfsBenchFile}), wrapping at EOF, versus {@code System.arraycopy} of the
 * same bytes from the same memory device. Score: 1 MiB operations per second (x 1 MiB =
 * bandwidth).
 *
 * <p>{@code famfsRead} is the whole system call: fd lookup, vfs_read, famfs read_iter,
 * dax_iomap_rw, iomap_begin (the fmap lookup), dax_direct_access and copy_to_iter into a
 * user buffer, which lives in the process's simulated memory (an anonymous mapping, faulted in
 * during setup), page by page through its page tables. {@code arraycopyBaseline} is
 * {@code MemoryDevice.read} of the same 1 MiB chunk into a 1 MiB {@code byte[]}: the block
 * lookup plus {@code System.arraycopy} of each 4 KiB block, i.e. the copy alone. Both move
 * the same bytes out of the same sparse 4 KiB blocks into a 1 MiB destination.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FamfsReadBench {
  /** File size in MiB (1 GiB by default; the smoke test uses less). */
  @Param({"1024"})
  public int fileMiB;

  /** The file's fmap: one simple extent, or famfs interleave (4 strips, 2 MiB chunks). */
  @Param({"simple", "interleaved"})
  public String fmap;

  private FamfsBenchFile f;
  private Process proc;
  private int fd;
  private long ubuf;
  private final byte[] dst = new byte[FamfsBenchFile.CHUNK];
  private int next;

  @Setup
  public void setup() throws Exception {
    f = new FamfsBenchFile(fileMiB, fmap.equals("interleaved"), true);
    proc = f.proc;
    fd = proc.open(FamfsBenchFile.PATH, Fcntl.O_RDONLY);
    ubuf = proc.mmap(0, FamfsBenchFile.CHUNK, Mman.PROT_READ | Mman.PROT_WRITE,
        Mman.MAP_PRIVATE | Mman.MAP_ANONYMOUS, -1, 0);
    proc.mm().store(ubuf, dst, 0, dst.length); // fault the user buffer in
    checkSameBytes();
  }

  /** read(2) and the baseline must see the same bytes, or the comparison means nothing. */
  private void checkSameBytes() throws Exception {
    byte[] viaRead = new byte[FamfsBenchFile.CHUNK];
    int k = f.chunks / 2 + 1;
    proc.pread(fd, ubuf, FamfsBenchFile.CHUNK, (long) k * FamfsBenchFile.CHUNK);
    proc.mm().load(ubuf, viaRead, 0, viaRead.length);
    f.mem.read(f.chunkDevOff[k], dst, 0, dst.length);
    if (!java.util.Arrays.equals(viaRead, dst)) {
      throw new IllegalStateException("read(2) and the memory device disagree at chunk " + k);
    }
  }

  @TearDown
  public void tearDown() throws Exception {
    proc.close(fd);
  }

  /** read(fd, ubuf, 1 MiB) through famfs; rewinds with lseek at EOF. */
  @Benchmark
  public long famfsRead() throws Exception {
    long n = proc.read(fd, ubuf, FamfsBenchFile.CHUNK);
    if (n == 0) {
      proc.lseek(fd, 0, Fcntl.SEEK_SET);
      n = proc.read(fd, ubuf, FamfsBenchFile.CHUNK);
    }
    return n;
  }

  /** Baseline: the same 1 MiB chunk, in file order, copied out of the memory device. */
  @Benchmark
  public byte arraycopyBaseline() throws Exception {
    int k = next;
    next = k + 1 == f.chunks ? 0 : k + 1;
    f.mem.read(f.chunkDevOff[k], dst, 0, FamfsBenchFile.CHUNK);
    return dst[k];
  }
}
