package org.daxsim.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.daxsim.prop.Gen;
import org.daxsim.prop.Source;

/**
 * Generators of multi-host famfs sequences: lists of {@link HostStep} over one master (host 0)
 * and up to three clients sharing the memory. The sequence starts with the master's mount;
 * every host's first step, and its first step after an umount, is a mount; the master creates,
 * writes and makes directories, clients play the log and read, and everybody reads and
 * unmounts. With {@code forbidden} true, clients also attempt master-only actions (about one
 * client step in six), which famfs must refuse. Shrinks toward the master's mount alone.
 */
public final class GensHosts {
  /** The most hosts a sequence uses (master included). */
  public static final int MAX_HOSTS = 4;

  private GensHosts() {}

  /**
   * Sequences of 1 to {@code maxSteps} steps over {@code hosts} hosts (1 to {@link
   * #MAX_HOSTS}); file indexes name files 1 to 8.
   */
  public static Gen<List<HostStep>> sequences(int hosts, int maxSteps, boolean forbidden) {
    if (hosts < 1 || hosts > MAX_HOSTS || maxSteps < 1) {
      throw new IllegalArgumentException(hosts + " hosts, " + maxSteps + " steps");
    }
    return src -> {
      int n = src.chooseInt(0, maxSteps - 1);
      boolean[] mounted = new boolean[hosts];
      List<HostStep> steps = new ArrayList<>();
      steps.add(new HostStep(0, HostStep.Role.MASTER, HostStep.Action.MOUNT, 0));
      mounted[0] = true;
      for (int i = 0; i < n; i++) {
        int h = src.chooseInt(0, hosts - 1);
        HostStep.Role role = h == 0 ? HostStep.Role.MASTER : HostStep.Role.CLIENT;
        HostStep.Action a = mounted[h] ? action(src, role, forbidden) : HostStep.Action.MOUNT;
        mounted[h] = a != HostStep.Action.UMOUNT;
        boolean named = a == HostStep.Action.CREAT || a == HostStep.Action.MKDIR
            || a == HostStep.Action.WRITE || a == HostStep.Action.READ;
        steps.add(new HostStep(h, role, a, named ? src.chooseInt(1, 8) : 0));
      }
      return List.copyOf(steps);
    };
  }

  private static HostStep.Action action(Source src, HostStep.Role role, boolean forbidden) {
    if (role == HostStep.Role.MASTER) {
      return src.draw(Gen.frequency(
          Map.entry(4, Gen.constant(HostStep.Action.CREAT)),
          Map.entry(3, Gen.constant(HostStep.Action.WRITE)),
          Map.entry(3, Gen.constant(HostStep.Action.READ)),
          Map.entry(1, Gen.constant(HostStep.Action.MKDIR)),
          Map.entry(1, Gen.constant(HostStep.Action.LOGPLAY)),
          Map.entry(1, Gen.constant(HostStep.Action.UMOUNT))));
    }
    return src.draw(Gen.frequency(
        Map.entry(4, Gen.constant(HostStep.Action.LOGPLAY)),
        Map.entry(4, Gen.constant(HostStep.Action.READ)),
        Map.entry(1, Gen.constant(HostStep.Action.UMOUNT)),
        Map.entry(forbidden ? 2 : 0, Gen.elements(HostStep.Action.CREAT,
            HostStep.Action.MKDIR, HostStep.Action.WRITE))));
  }
}
