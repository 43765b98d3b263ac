package org.daxsim.fs.famfs.tools;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.daxsim.fs.testing.TestHost.MiB;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.zip.CRC32;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.daxsim.bus.DevDax;
import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;
import org.daxsim.core.mem.MemoryDevice;
import org.daxsim.core.mm.Mman;
import org.daxsim.fs.famfs.format.FileEntry;
import org.daxsim.fs.famfs.format.FormatException;
import org.daxsim.fs.famfs.format.LogEntries;
import org.daxsim.fs.famfs.format.LogEntry;
import org.daxsim.fs.famfs.format.LogHeader;
import org.daxsim.fs.famfs.format.MkdirEntry;
import org.daxsim.fs.famfs.format.SimpleExtent;
import org.daxsim.fs.famfs.format.Superblock;
import org.daxsim.fs.vfs.Fcntl;
import org.junit.jupiter.api.Test;

/** The examples of docs/famfs.md, run; DocExamplesTest (dax-core) keeps the two identical. */
class FamfsDocsExamplesTest {

  /** The errno {@code call} fails with, or null when it succeeds. */
  static Errno errnoOf(ThrowingCallable call) {
    Throwable t = catchThrowable(call);
    if (t == null) {
      return null;
    }
    if (t instanceof ErrnoException e) {
      return e.errno();
    }
    throw new AssertionError("unexpected exception", t);
  }

  @Test
  void mkfsMountCreatAndReadBack() throws Exception {
    // begin-example: famfs-quickstart
    ToolsHost h = new ToolsHost(1);                 // one host, root process h.root
    DevDax d = h.famfsDevice(0, 256 * MiB);         // dax0.1, bound to fsdev_dax (famfs mode)
    String dev = "/dev/" + d.name();

    ToolResult r = h.run("mkfs.famfs", dev);
    assertThat(r.exit()).isZero();
    assertThat(r.stdout()).contains("log 8388608 bytes (15420 entries)");
    assertThat(h.run("famfs", "mount", dev, "/mnt").exit()).isZero();
    assertThat(h.run("famfs", "mkdir", "/mnt/data").exit()).isZero();
    assertThat(h.run("famfs", "creat", "-s", "3m", "-r", "-S", "7", "/mnt/data/f").exit())
        .isZero();

    // creat -r -S 7 filled the file: word k is the k-th nextLong() of SplittableRandom(7)
    int fd = h.root.open("/mnt/data/f", Fcntl.O_RDONLY);
    byte[] got = new byte[16];
    assertThat(h.root.pread(fd, got, 0, got.length, 0)).isEqualTo(16);
    h.root.close(fd);
    ByteBuffer words = ByteBuffer.wrap(got).order(ByteOrder.LITTLE_ENDIAN);
    SplittableRandom pattern = new SplittableRandom(7);
    assertThat(words.getLong(0)).isEqualTo(pattern.nextLong());
    assertThat(words.getLong(8)).isEqualTo(pattern.nextLong());

    // The log, read through its meta file: a MKDIR then a FILE entry whose one extent is the
    // first free 2 MiB unit after superblock + log (10 MiB), 3 MiB rounded up to 4 MiB.
    int log = h.root.open("/mnt/.meta/.log", Fcntl.O_RDONLY);
    byte[] b = new byte[48 + 2 * 544];
    assertThat(h.root.pread(log, b, 0, b.length, 0)).isEqualTo(b.length);
    h.root.close(log);
    LogHeader hdr = LogHeader.decode(b);
    assertThat(hdr.nextIndex()).isEqualTo(2);
    assertThat(hdr.nextSeqnum()).isEqualTo(2);
    assertThat(LogEntries.decode(b, 48, 0)).isEqualTo(new MkdirEntry(0, 0, 0, 0755, "data"));
    FileEntry f = (FileEntry) LogEntries.decode(b, 48 + 544, 1);
    assertThat(f.relpath()).isEqualTo("data/f");
    assertThat(f.size()).isEqualTo(3 * MiB);
    assertThat(f.fmap().extents()).containsExactly(new SimpleExtent(0, 10 * MiB, 4 * MiB));

    // umount and mount again: the mount replays the log and the file is back
    assertThat(h.run("umount", "/mnt").exit()).isZero();
    r = h.run("famfs", "mount", dev, "/mnt");
    assertThat(r.stdout()).contains("processed 1 files, created 1, 0 existed");
    assertThat(h.root.stat("/mnt/data/f").size()).isEqualTo(3 * MiB);

    // fsck finds no collisions; clone cross-links a second file onto f's two 2 MiB units
    assertThat(h.run("famfs", "fsck", "/mnt").exit()).isZero();
    assertThat(h.run("famfs", "clone", "/mnt/data/f", "/mnt/data/g").exit()).isZero();
    assertThat(h.run("famfs", "fsck", "/mnt").exit()).isEqualTo(2); // one per shared unit
    // end-example: famfs-quickstart
  }

  @Test
  void masterAndClient() throws Exception {
    // begin-example: famfs-two-hosts
    MemoryDevice cxl = MemoryDevice.create("cxl-shared", ToolsHost.WINDOW);
    ToolsHost a = new ToolsHost(cxl, 21);           // runs mkfs: the master
    ToolsHost b = new ToolsHost(cxl, 22);           // another system UUID: a client
    DevDax da = a.famfsDevice(64 * MiB, 256 * MiB); // each host its own dev_dax over
    DevDax db = b.famfsDevice(64 * MiB, 256 * MiB); // the same 256 MiB of device memory
    assertThat(a.run("mkfs.famfs", "/dev/" + da.name()).exit()).isZero();
    assertThat(a.run("famfs", "mount", "/dev/" + da.name(), "/mnt").exit()).isZero();
    assertThat(b.run("famfs", "mount", "/dev/" + db.name(), "/mnt").exit()).isZero();

    assertThat(a.run("famfs", "creat", "-s", "2m", "/mnt/msg").exit()).isZero();
    byte[] hello = "hello from host a".getBytes(US_ASCII);
    int fd = a.root.open("/mnt/msg", Fcntl.O_RDWR);
    assertThat(a.root.pwrite(fd, hello, 0, hello.length, 0)).isEqualTo(hello.length);
    a.root.close(fd);

    // The client sees the file only after it replays the log, and without write bits.
    assertThat(errnoOf(() -> b.root.stat("/mnt/msg"))).isEqualTo(Errno.ENOENT);
    ToolResult r = b.run("famfs", "logplay", "/mnt");
    assertThat(r.exit()).isZero();
    assertThat(r.stdout()).contains("processed 1 files, created 1, 0 existed");
    assertThat(b.root.stat("/mnt/msg").mode() & 07777).isEqualTo(0444);

    // Same bytes through read(2) and through a shared mapping on the client.
    int bfd = b.root.open("/mnt/msg", Fcntl.O_RDONLY);
    byte[] viaRead = new byte[hello.length];
    assertThat(b.root.pread(bfd, viaRead, 0, viaRead.length, 0)).isEqualTo(hello.length);
    long va = b.root.mmap(0, 2 * MiB, Mman.PROT_READ, Mman.MAP_SHARED, bfd, 0);
    byte[] viaMmap = new byte[hello.length];
    b.root.mm().load(va, viaMmap, 0, viaMmap.length);
    assertThat(viaRead).isEqualTo(hello);
    assertThat(viaMmap).isEqualTo(hello);

    // Only the master appends: the client fails before touching the log.
    r = b.run("famfs", "mkdir", "/mnt/dir");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.stderr()).contains("not running on the famfs master node");
    r = b.run("famfs", "logplay", "/mnt");                  // replay is idempotent
    assertThat(r.exit()).isZero();
    assertThat(r.stdout()).contains("processed 1 files, created 0, 1 existed");
    // end-example: famfs-two-hosts
  }

  @Test
  void aForeignMkfsIsDetected() throws Exception {
    // begin-example: famfs-foreign-mkfs
    MemoryDevice cxl = MemoryDevice.create("cxl-shared", ToolsHost.WINDOW);
    ToolsHost a = new ToolsHost(cxl, 31);
    ToolsHost b = new ToolsHost(cxl, 32);
    DevDax da = a.famfsDevice(0, 256 * MiB);
    DevDax db = b.famfsDevice(0, 256 * MiB);
    assertThat(a.run("mkfs.famfs", "/dev/" + da.name()).exit()).isZero();
    assertThat(a.run("famfs", "mount", "/dev/" + da.name(), "/mnt").exit()).isZero();

    // Host b does not have it mounted; mkfs refuses a superblock that another host owns...
    ToolResult r = b.run("mkfs.famfs", "/dev/" + db.name());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.stderr()).contains("owned by another host; use -f");
    // ...unless forced. b is now the master of a new file system under a's mount.
    assertThat(b.run("mkfs.famfs", "-f", "/dev/" + db.name()).exit()).isZero();

    // a's next operation compares the UUID it mounted with the superblock: ESTALE, exit 1.
    r = a.run("famfs", "creat", "-s", "2m", "/mnt/late");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.stderr()).contains("re-created by another host");
    assertThat(errnoOf(() -> a.root.stat("/mnt/late"))).isEqualTo(Errno.ENOENT);
    assertThat(a.run("famfs", "logplay", "/mnt").stderr()).contains("re-created by another host");
    // end-example: famfs-foreign-mkfs
  }

  @Test
  void theFormatCodecs() throws Exception {
    // begin-example: famfs-format
    Superblock sb = Superblock.create(8 * MiB, new UUID(1, 2), new UUID(3, 4), new UUID(5, 6),
        256 * MiB, "/dev/dax0.1");
    byte[] b = sb.encode();
    assertThat(b).hasSize(200);
    ByteBuffer le = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    assertThat(le.getLong(0)).isEqualTo(0x87b282ffL);      // ts_magic
    assertThat(le.getLong(8)).isEqualTo(48);               // ts_version
    assertThat(le.getLong(16)).isEqualTo(2 * MiB);         // ts_log_offset
    assertThat(le.getLong(24)).isEqualTo(8 * MiB);         // ts_log_len
    CRC32 crc = new CRC32();
    crc.update(b, 0, 96);
    assertThat(le.getLong(96)).isEqualTo(crc.getValue());  // ts_crc covers bytes 0..95 only
    assertThat(Superblock.checkSuper(b)).isEqualTo(0);

    byte[] flagged = b.clone();
    flagged[104] = 1;                                      // ts_sb_flags: not covered
    assertThat(Superblock.checkSuper(flagged)).isEqualTo(0);
    byte[] v47 = b.clone();
    v47[8] = 47;                                           // another version: 1, not -1
    assertThat(Superblock.checkSuper(v47)).isEqualTo(1);
    byte[] flipped = b.clone();
    flipped[50] ^= 0x10;                                   // one bit of ts_uuid: CRC fails
    assertThat(Superblock.checkSuper(flipped)).isEqualTo(-1);

    // 8 MiB log: floor((8 MiB - 48) / 544) - 1 = 15419, so 15420 slots
    LogHeader h = LogHeader.fresh(8 * MiB);
    assertThat(h.lastIndex()).isEqualTo(15419);
    assertThat(h.freeSlots()).isEqualTo(15420);

    LogEntry e = new MkdirEntry(3, 1000, 1000, 0755, "a/b");
    byte[] slot = LogEntries.encode(e);
    assertThat(slot).hasSize(544);
    assertThat(LogEntries.decode(slot, 3)).isEqualTo(e);
    assertThat(catchThrowableOfType(() -> LogEntries.decode(slot, 4), FormatException.class)
        .reason()).isEqualTo(FormatException.Reason.SEQNUM);   // seqnum must equal the slot
    slot[28] ^= 1;                                             // in md_relpath, under the CRC
    FormatException bad =
        catchThrowableOfType(() -> LogEntries.decode(slot, 3), FormatException.class);
    assertThat(bad.reason()).isEqualTo(FormatException.Reason.CRC);
    assertThat(bad.errno()).isEqualTo(Errno.EBADMSG);
    assertThat(errnoOf(() -> LogEntries.encode(new MkdirEntry(0, 0, 0, 0755, "x".repeat(80)))))
        .isEqualTo(Errno.ENAMETOOLONG);                        // upstream truncates to 79
    // end-example: famfs-format
  }
}
