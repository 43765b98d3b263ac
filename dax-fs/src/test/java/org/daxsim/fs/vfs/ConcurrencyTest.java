package org.daxsim.fs.vfs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Processes working concurrently: namespace ops serialise, O_APPEND writes never interleave. */
class ConcurrencyTest {
  @Test
  void concurrentProcessesCreateAndAppend() throws Exception {
    VfsTesting.Host h = new VfsTesting.Host();
    h.root.close(h.root.open("/tmp/log", Fcntl.O_CREAT | Fcntl.O_RDWR, 0666));
    h.root.chmod("/tmp/log", 0666);
    ExecutorService ex = Executors.newFixedThreadPool(8);
    List<Future<Integer>> results = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      int id = t;
      Callable<Integer> task = () -> {
        Process p = h.vfs.newProcess(Cred.of(1000 + id, 1000));
        int fd = p.open("/tmp/log", Fcntl.O_WRONLY | Fcntl.O_APPEND);
        byte[] rec = new byte[100];
        java.util.Arrays.fill(rec, (byte) id);
        int created = 0;
        for (int i = 0; i < 50; i++) {
          p.write(fd, rec, 0, rec.length);
          p.mkdir("/tmp/d" + id + "_" + i, 0755);
          created++;
        }
        p.exit();
        return created;
      };
      results.add(ex.submit(task));
    }
    int total = 0;
    for (Future<Integer> f : results) {
      total += f.get(60, TimeUnit.SECONDS);
    }
    ex.shutdown();
    assertThat(total).isEqualTo(400);
    byte[] all = new byte[8 * 50 * 100];
    int fd = h.root.open("/tmp/log", Fcntl.O_RDONLY);
    assertThat(h.root.read(fd, all, 0, all.length)).isEqualTo(all.length);
    for (int r = 0; r < 400; r++) {
      for (int i = 1; i < 100; i++) {
        assertThat(all[r * 100 + i]).as("record %d", r).isEqualTo(all[r * 100]);
      }
    }
    assertThat(h.root.stat("/tmp").nlink()).isEqualTo(2 + 400);
  }
}
