package org.daxsim.fs.vfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.daxsim.fs.vfs.Fcntl.O_APPEND;
import static org.daxsim.fs.vfs.Fcntl.O_CREAT;
import static org.daxsim.fs.vfs.Fcntl.O_RDONLY;
import static org.daxsim.fs.vfs.Fcntl.O_RDWR;
import static org.daxsim.fs.vfs.Fcntl.O_WRONLY;
import static org.daxsim.fs.vfs.Fcntl.SEEK_CUR;
import static org.daxsim.fs.vfs.Fcntl.SEEK_DATA;
import static org.daxsim.fs.vfs.Fcntl.SEEK_END;
import static org.daxsim.fs.vfs.Fcntl.SEEK_HOLE;
import static org.daxsim.fs.vfs.Fcntl.SEEK_SET;
import static org.daxsim.fs.vfs.VfsTesting.bytes;
import static org.daxsim.fs.vfs.VfsTesting.expect;

import java.util.Arrays;
import org.daxsim.core.Errno;
import org.daxsim.core.mm.Mman;
import org.daxsim.prop.Gen;
import org.daxsim.prop.Property;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReadWriteTest {
  VfsTesting.Host h;
  Process p;

  @BeforeEach
  void setUp() throws Exception {
    h = new VfsTesting.Host();
    p = h.root;
  }

  @Test
  void readAndWriteThroughUserMemory() throws Exception {
    long buf = VfsTesting.userBuf(p, 3 * 4096);
    byte[] data = new byte[9000];
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) (i * 7);
    }
    p.mm().store(buf, data, 0, data.length);
    int fd = p.open("/tmp/f", O_CREAT | O_RDWR, 0644);
    assertThat(p.write(fd, buf + 1, 8999)).isEqualTo(8999);
    assertThat(p.lseek(fd, 0, SEEK_CUR)).isEqualTo(8999);
    assertThat(p.pread(fd, buf + 9000, 100, 0)).isEqualTo(100);
    byte[] got = new byte[100];
    p.mm().load(buf + 9000, got, 0, 100);
    assertThat(got).isEqualTo(Arrays.copyOfRange(data, 1, 101));
    assertThat(p.read(fd, buf, 10)).isZero();
    expect(Errno.EFAULT, () -> p.read(fd, Mman.TASK_SIZE, 10));
    expect(Errno.EFAULT, () -> p.pread(fd, 0x1000, 10, 0));
  }

  @Test
  void holesReadAsZeroAndTruncateZeroesTheTail() throws Exception {
    int fd = p.open("/tmp/f", O_CREAT | O_RDWR, 0644);
    p.pwrite(fd, bytes("abcdef"), 0, 6, 20000);
    byte[] b = new byte[20006];
    assertThat(p.pread(fd, b, 0, b.length, 0)).isEqualTo(20006);
    assertThat(Arrays.copyOf(b, 20000)).containsOnly(0);
    p.ftruncate(fd, 20002);
    p.ftruncate(fd, 20006);
    assertThat(p.pread(fd, b, 0, 6, 20000)).isEqualTo(6);
    assertThat(Arrays.copyOf(b, 6)).isEqualTo(new byte[] {'a', 'b', 0, 0, 0, 0});
  }

  @Test
  void descriptorModeAndSeekErrors() throws Exception {
    p.close(p.open("/tmp/f", O_CREAT | O_WRONLY, 0644));
    int r = p.open("/tmp/f", O_RDONLY);
    int w = p.open("/tmp/f", O_WRONLY);
    int d = p.open("/tmp", O_RDONLY);
    byte[] b = new byte[4];
    expect(Errno.EBADF, () -> p.write(r, b, 0, 4));
    expect(Errno.EBADF, () -> p.read(w, b, 0, 4));
    expect(Errno.EBADF, () -> p.read(99, b, 0, 4));
    expect(Errno.EINVAL, () -> p.pread(99, b, 0, 4, -1));
    expect(Errno.EINVAL, () -> p.pwrite(w, b, 0, 4, -1));
    expect(Errno.EINVAL, () -> p.read(r, 0x10000, -1));
    expect(Errno.EISDIR, () -> p.read(d, b, 0, 4));
    expect(Errno.EINVAL, () -> p.ftruncate(r, 0));
    expect(Errno.EINVAL, () -> p.ftruncate(d, 0));
    expect(Errno.EINVAL, () -> p.ftruncate(w, -1));
    expect(Errno.EBADF, () -> p.lseek(99, 0, SEEK_SET));
    expect(Errno.EINVAL, () -> p.lseek(r, 0, 5));
    expect(Errno.EINVAL, () -> p.lseek(r, 0, -1));
    expect(Errno.EINVAL, () -> p.lseek(r, -1, SEEK_SET));
    p.lseek(r, 5, SEEK_SET);
    expect(Errno.EINVAL, () -> p.lseek(r, Long.MAX_VALUE, SEEK_CUR));
    expect(Errno.EINVAL, () -> p.lseek(r, -6, SEEK_CUR));
    assertThat(p.lseek(r, 0, SEEK_CUR)).isEqualTo(5);
    expect(Errno.ENXIO, () -> p.lseek(r, 0, SEEK_DATA));
    expect(Errno.ENXIO, () -> p.lseek(r, -1, SEEK_HOLE));
    expect(Errno.EINVAL, () -> p.lseek(d, 0, SEEK_END));
    assertThat(p.lseek(d, 0, SEEK_SET)).isZero();
    expect(Errno.ENOTTY, () -> p.ioctl(r, 0x1234, 0));
    expect(Errno.EBADF, () -> p.ioctl(99, 0x1234, 0));
    expect(Errno.EBADF, () -> p.fsync(99));
    p.fsync(r);
    p.fsync(d);
    expect(Errno.ENODEV, () -> p.mmap(0, 4096, Mman.PROT_READ, Mman.MAP_SHARED, r, 0));
    expect(Errno.EACCES, () -> p.mmap(0, 4096, Mman.PROT_READ, Mman.MAP_SHARED, w, 0));
    expect(Errno.EACCES, () -> p.mmap(0, 4096, Mman.PROT_WRITE, Mman.MAP_SHARED, r, 0));
    expect(Errno.EINVAL, () -> p.mmap(0, 4096, Mman.PROT_READ, Mman.MAP_SHARED, r, 1));
    expect(Errno.EBADF, () -> p.mmap(0, 4096, Mman.PROT_READ, Mman.MAP_SHARED, 99, 0));
    assertThat(p.fstat(r).size()).isZero();
  }

  /** One operation of the read/write/lseek property. */
  record Op(int kind, long a, int len) {}

  @Test
  void readWriteSeekAgreeWithAByteArrayModel() {
    Gen<Op> ops = src -> new Op(src.chooseInt(0, 6), src.choose(0, 12000),
        src.chooseInt(0, 5000));
    Property.forAll(Gen.lists(ops, 1, 25), Gen.booleans()).named("rw vs byte[] model")
        .tries(150).checkAssert((list, append) -> {
          VfsTesting.Host host = new VfsTesting.Host();
          Process q = host.root;
          int fd = q.open("/tmp/m", O_CREAT | O_RDWR | (append ? O_APPEND : 0), 0644);
          byte[] model = new byte[0];
          long pos = 0;
          int seed = 1;
          for (Op op : list) {
            byte[] buf = new byte[op.len()];
            for (int i = 0; i < buf.length; i++) {
              buf[i] = (byte) (seed++ * 31 + 7);
            }
            switch (op.kind()) {
              case 0, 1 -> {
                long at = op.kind() == 0 ? pos : op.a();
                if (append) {
                  at = model.length;
                }
                long n = op.kind() == 0 ? q.write(fd, buf, 0, buf.length)
                    : q.pwrite(fd, buf, 0, buf.length, op.a());
                assertThat(n).isEqualTo(buf.length);
                if (buf.length == 0) {
                  continue;
                }
                if (at + buf.length > model.length) {
                  model = Arrays.copyOf(model, (int) (at + buf.length));
                }
                System.arraycopy(buf, 0, model, (int) at, buf.length);
                if (op.kind() == 0) {
                  pos = at + buf.length;
                }
              }
              case 2, 3 -> {
                long at = op.kind() == 2 ? pos : op.a();
                long n = op.kind() == 2 ? q.read(fd, buf, 0, buf.length)
                    : q.pread(fd, buf, 0, buf.length, op.a());
                long want = Math.max(0, Math.min(buf.length, model.length - at));
                assertThat(n).isEqualTo(want);
                if (want > 0) {
                  assertThat(Arrays.copyOf(buf, (int) n))
                      .isEqualTo(Arrays.copyOfRange(model, (int) at, (int) (at + want)));
                }
                if (op.kind() == 2) {
                  pos += n;
                }
              }
              case 4 -> {
                pos = q.lseek(fd, op.a(), SEEK_SET);
                assertThat(pos).isEqualTo(op.a());
              }
              case 5 -> {
                long off = op.a() - 6000;
                if (model.length + off < 0) {
                  expect(Errno.EINVAL, () -> q.lseek(fd, off, SEEK_END));
                } else {
                  pos = q.lseek(fd, off, SEEK_END);
                  assertThat(pos).isEqualTo(model.length + off);
                }
              }
              default -> {
                q.ftruncate(fd, op.a());
                model = Arrays.copyOf(model, (int) op.a());
              }
            }
            assertThat(q.fstat(fd).size()).isEqualTo(model.length);
            assertThat(q.lseek(fd, 0, SEEK_CUR)).isEqualTo(pos);
          }
          byte[] all = new byte[model.length];
          assertThat(q.pread(fd, all, 0, all.length, 0)).isEqualTo(model.length);
          assertThat(all).isEqualTo(model);
        });
  }
}
