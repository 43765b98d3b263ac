package org.daxsim.fs.vfs;

import java.util.Set;

/** struct cred (include/linux/cred.h): fsuid, fsgid and supplementary groups; uid 0 is root. */
public record Cred(int uid, int gid, Set<Integer> groups) {
  /** The credentials of root. */
  public static final Cred ROOT = new Cred(0, 0, Set.of());

  public Cred {
    groups = Set.copyOf(groups == null ? Set.of() : groups);
  }

  /** A user with no supplementary groups. */
  public static Cred of(int uid, int gid) {
    return new Cred(uid, gid, Set.of());
  }

  /** in_group_p(): the fsgid or a supplementary group. */
  public boolean inGroup(int g) {
    return gid == g || groups.contains(g);
  }

  /** capable(CAP_DAC_OVERRIDE) and friends: uid 0 has all capabilities. */
  public boolean isRoot() {
    return uid == 0;
  }
}
