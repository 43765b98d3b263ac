package org.daxsim.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.daxsim.prop.Property;
import org.junit.jupiter.api.Test;

/**
 * The documented distributions of the workload, fault, poison and multi-host generators: every
 * value in bounds, and every edge case the javadoc promises shows up within a few hundred draws.
 * The reference arithmetic (physical addresses, alignment) is written here, not reused.
 */
class GensDistributionTest {
  static final long PAGE = 4096;
  static final long PMD = 2L << 20;

  @Test
  void workloadsStayInBoundsAndHitEveryEofEdge() {
    long size = 5 * PMD + 123;
    Set<String> edges = new HashSet<>();
    Set<FileOp.Kind> kinds = new HashSet<>();
    int[] eof = new int[3]; // at eof, past eof, crossing eof
    Property.forAll(GensWorkloads.ops(size)).tries(1000).checkAssert(op -> {
      edges.add(op.edge());
      kinds.add(op.kind());
      assertThat(op.offset()).isBetween(0L, size + 2 * PAGE);
      assertThat(op.length()).isBetween(0L, size + PAGE);
      eof[0] += op.offset() == size ? 1 : 0;
      eof[1] += op.offset() > size ? 1 : 0;
      eof[2] += op.offset() < size && op.crossesEof(size) ? 1 : 0;
    });
    assertThat(edges).contains("random", "last byte", "at eof", "past eof", "crossing eof",
        "page boundary", "2 MiB boundary", "zero length");
    assertThat(kinds).containsExactlyInAnyOrder(FileOp.Kind.values());
    assertThat(java.util.Arrays.stream(eof).min().getAsInt()).as("eof edges").isGreaterThan(20);
  }

  @Test
  void boundarySpansReallyCrossTheirBoundary() {
    long size = 3 * PMD;
    Property.forAll(GensWorkloads.ops(size, FileOp.Kind.READ)).tries(500).checkAssert(op -> {
      if (op.edge().endsWith("boundary")) {
        long unit = op.edge().startsWith("2 MiB") ? PMD : PAGE;
        assertThat(op.offset() / unit).as(op.toString()).isLessThan((op.end() - 1) / unit
            + (op.end() % unit == 0 ? 1 : 0));
        assertThat(op.end()).isLessThanOrEqualTo(size);
      }
    });
  }

  @Test
  void tinyFilesStillWork() {
    Property.forAll(GensWorkloads.workloads(1, 5)).tries(200).checkAssert(ops -> {
      assertThat(ops).hasSizeBetween(1, 5);
      assertThat(ops).allSatisfy(op -> assertThat(op.offset()).isLessThanOrEqualTo(1 + 2 * PAGE));
    });
  }

  @Test
  void faultsAreInsideTheirMappingAndBothAlignedAndMisalignedAppear() {
    int[] seen = new int[4]; // pte ok, pte misaligned map, pmd aligned, pmd misaligned
    Property.forAll(GensFaults.faults(4)).tries(800).checkAssert(f -> {
      assertThat(f.address() % PAGE).isZero();
      assertThat(f.mapStart() % PAGE).isZero();
      assertThat(f.mapOffset() % PAGE).isZero();
      assertThat(f.address()).isBetween(f.mapStart(), f.mapStart() + f.mapLength() - PAGE);
      assertThat(f.size()).isIn(PAGE, PMD);
      boolean congruent = Math.floorMod(f.mapStart() - f.mapOffset(), PMD) == 0;
      long block = f.address() / PMD * PMD;
      boolean pmdFits = congruent && block >= f.mapStart()
          && block + PMD <= f.mapStart() + f.mapLength();
      assertThat(f.alignedForSize()).as(f.toString()).isEqualTo(f.size() == PAGE || pmdFits);
      if (f.size() == PAGE) {
        seen[congruent ? 0 : 1]++;
      } else {
        seen[pmdFits ? 2 : 3]++;
      }
    });
    assertThat(java.util.Arrays.stream(seen).min().getAsInt()).as("fault kinds").isGreaterThan(50);
  }

  @Test
  void poisonLandsOnEveryEdgeAndOnTheRightPhysicalPage() {
    List<PhysRange> ranges = List.of(new PhysRange(0x1_4000_0000L, PMD),
        new PhysRange(0x1_0000_0000L, 2 * PMD), new PhysRange(0x1_2000_0000L, PMD));
    long total = 4 * PMD / PAGE;
    Set<Long> pgoffs = new HashSet<>();
    Property.forAll(GensPoison.spots(ranges)).tries(500).checkAssert(s -> {
      pgoffs.add(s.pgoff());
      assertThat(s.pgoff()).isBetween(0L, total - 1);
      long expected = s.pgoff() < 512 ? 0x1_4000_0000L + s.pgoff() * PAGE
          : s.pgoff() < 1536 ? 0x1_0000_0000L + (s.pgoff() - 512) * PAGE
          : 0x1_2000_0000L + (s.pgoff() - 1536) * PAGE;
      assertThat(s.phys()).as(s.toString()).isEqualTo(expected);
    });
    assertThat(pgoffs).contains(0L, total - 1, 511L, 512L, 1535L, 1536L);
    assertThat(pgoffs.size()).isGreaterThan(20); // random pages too
  }

  @Test
  void hostSequencesRespectRolesAndMountFirst() {
    int[] forbidden = new int[1];
    Set<HostStep.Action> actions = new HashSet<>();
    Set<Integer> hostsSeen = new HashSet<>();
    Property.forAll(GensHosts.sequences(3, 12, true)).tries(400).checkAssert(seq -> {
      assertThat(seq).hasSizeBetween(1, 12);
      assertThat(seq.get(0)).isEqualTo(new HostStep(0, HostStep.Role.MASTER,
          HostStep.Action.MOUNT, 0));
      boolean[] mounted = new boolean[3];
      for (HostStep s : seq) {
        actions.add(s.action());
        hostsSeen.add(s.host());
        assertThat(s.host()).isBetween(0, 2);
        assertThat(s.role()).isEqualTo(s.host() == 0 ? HostStep.Role.MASTER
            : HostStep.Role.CLIENT);
        if (!mounted[s.host()]) {
          assertThat(s.action()).as(seq.toString()).isEqualTo(HostStep.Action.MOUNT);
        }
        mounted[s.host()] = s.action() != HostStep.Action.UMOUNT;
        if (s.role() == HostStep.Role.CLIENT && s.mastersOnly()) {
          forbidden[0]++;
        }
        assertThat(s.file()).isBetween(0, 8);
      }
    });
    assertThat(actions).containsExactlyInAnyOrder(HostStep.Action.values());
    assertThat(hostsSeen).containsExactlyInAnyOrder(0, 1, 2);
    assertThat(forbidden[0]).isGreaterThan(10);
    Property.forAll(GensHosts.sequences(4, 12, false)).tries(300).checkAssert(seq ->
        assertThat(seq).noneMatch(s -> s.role() == HostStep.Role.CLIENT && s.mastersOnly()));
  }
}
