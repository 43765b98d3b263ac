package org.daxsim.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.EnumMap;
import java.util.Map;
import org.daxsim.core.ErrnoException;
import org.daxsim.fs.famfs.FamfsIoctl;
import org.daxsim.fs.famfs.FamfsMap;
import org.daxsim.fs.vfs.Fcntl;
import org.daxsim.fs.vfs.Process;
import org.daxsim.prop.Property;
import org.daxsim.sim.DaxSim;
import org.daxsim.sim.Shell;
import org.daxsim.sim.World;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every generated fmap attached with MAP_CREATE_V2 to a fresh file on a mounted famfs (a daxsim
 * world: a 4 GiB hmem region, dax0.0 in famfs mode, mkfs.famfs, famfs mount): the valid ones
 * attach and read back equal, each invalid one fails with exactly its tagged errno. The rules'
 * conditions are also checked on the generated values with arithmetic written here, so a
 * generator that mis-tags a map fails even where the kernel model would agree with it.
 */
class GensFamfsTest {
  static final long DEV = 4L << 30;
  static Process root;
  static int seq;

  @BeforeAll
  static void mount() throws Exception {
    World w = DaxSim.newWorld();
    Shell sh = DaxSim.newShell(w);
    for (String line : new String[] {"region add --size 4G",
        "daxctl reconfigure-device -m famfs dax0.0", "mkfs.famfs /dev/dax0.0",
        "famfs mount /dev/dax0.0 /mnt"}) {
      org.daxsim.sim.Result r = sh.execute(line);
      assertThat(r.ok()).as("%s -> %s", line, r).isTrue();
    }
    root = w.currentHost().root();
  }

  static int fresh() throws ErrnoException {
    return root.open("/mnt/gen" + (seq++), Fcntl.O_RDWR | Fcntl.O_CREAT | Fcntl.O_EXCL, 0644);
  }

  @Test
  void everyCaseAttachesOrFailsWithItsErrno() {
    Map<FmapRule, Integer> seen = new EnumMap<>(FmapRule.class);
    Property.forAll(GensFamfs.any(DEV)).tries(400).checkAssert(c -> {
      seen.merge(c.rule(), 1, Integer::sum);
      int fd = fresh();
      try {
        Throwable t = catchThrowable(() -> c.attach(root, fd));
        if (c.expected() == null) {
          assertThat(t).as(c.toString()).isNull();
          if (c.map().extentType() == FamfsMap.SIMPLE_DAX_EXTENT) {
            FamfsMap back = FamfsIoctl.mapGetV2(root, fd);
            assertThat(back.fileSize()).isEqualTo(c.fileSize());
            assertThat(back.extents()).isEqualTo(c.map().extents());
          } else if (c.map().interleaves().size() == 1) { // GET_V2 returns one at most
            FamfsMap back = FamfsIoctl.mapGetV2(root, fd);
            assertThat(back.fileSize()).isEqualTo(c.fileSize());
            assertThat(back.interleaves()).isEqualTo(c.map().interleaves());
          }
        } else {
          assertThat(t).as(c.toString()).isInstanceOf(ErrnoException.class);
          assertThat(((ErrnoException) t).errno()).as(c.toString()).isEqualTo(c.expected());
        }
      } finally {
        root.close(fd);
      }
    });
    assertThat(seen).as("every rule generated").containsOnlyKeys(FmapRule.values());
  }

  @Test
  void tagsMatchTheRulesArithmetic() {
    Property.forAll(GensFamfs.any(DEV)).tries(1000).checkAssert(c ->
        assertThat(brokenRule(c)).as(c.toString()).isEqualTo(c.rule()));
  }

  @Test
  void validMapsStayInsideTheDeviceAndHitTheEofEdges() {
    int[] edges = new int[3];
    Property.forAll(GensFamfs.valid(64L << 20)).tries(500).checkAssert(c -> {
      long total = 0;
      for (FamfsMap.Extent e : c.allExtents()) {
        assertThat(e.offset()).isGreaterThanOrEqualTo(GensFamfs.UNIT);
        assertThat(e.offset() + e.length()).isLessThanOrEqualTo(64L << 20);
        total += e.length();
      }
      long cover = c.map().extentType() == FamfsMap.SIMPLE_DAX_EXTENT ? total
          : c.map().interleaves().stream().mapToLong(FamfsMap.Interleave::nbytes).sum();
      assertThat(c.fileSize()).isBetween(1L, cover);
      edges[0] += c.fileSize() == cover ? 1 : 0;
      edges[1] += c.fileSize() == cover - 1 ? 1 : 0;
      edges[2] += c.fileSize() == 1 ? 1 : 0;
    });
    assertThat(java.util.Arrays.stream(edges).min().getAsInt()).as("edge counts").isGreaterThan(10);
  }

  /** The first rule (in the kernel's order) {@code c} breaks, computed independently. */
  static FmapRule brokenRule(FmapCase c) {
    if (c.rule() == FmapRule.ALREADY_MAPPED) {
      return brokenRule(FmapCase.of(FmapRule.VALID, c.map())) == FmapRule.VALID
          ? FmapRule.ALREADY_MAPPED : FmapRule.VALID; // a valid map attached twice
    }
    if (c.count() == 0) {
      return FmapRule.NO_EXTENTS;
    }
    if (c.count() > 2) {
      return FmapRule.TOO_MANY_EXTENTS;
    }
    if (c.extType() != 0 && c.extType() != 1) {
      return FmapRule.BAD_EXTENT_TYPE;
    }
    FamfsMap m = c.map();
    long mask = GensFamfs.UNIT - 1;
    long lengths = 0;
    long nbytes = 0;
    if (m.extentType() == FamfsMap.INTERLEAVED_EXTENT) {
      for (FamfsMap.Interleave x : m.interleaves()) {
        if (x.nstrips() == 0) {
          return FmapRule.NO_STRIPS;
        }
        if (x.nstrips() > 16) {
          return FmapRule.TOO_MANY_STRIPS;
        }
        if (x.chunkSize() == 0 || (x.chunkSize() & mask) != 0) {
          return FmapRule.CHUNK_MISALIGNED;
        }
        nbytes += x.nbytes();
      }
      if (nbytes < c.fileSize()) {
        return FmapRule.NBYTES_SHORT_OF_SIZE;
      }
    }
    for (FamfsMap.Extent e : c.allExtents()) {
      if (e.devIndex() != 0) {
        return FmapRule.DEVINDEX_NOT_ZERO;
      }
      if ((e.offset() & mask) != 0) {
        return FmapRule.OFFSET_MISALIGNED;
      }
      if ((e.length() & mask) != 0) {
        return FmapRule.LENGTH_MISALIGNED;
      }
      lengths += e.length();
    }
    return lengths < c.fileSize() ? FmapRule.LENGTHS_SHORT_OF_SIZE : FmapRule.VALID;
  }
}
