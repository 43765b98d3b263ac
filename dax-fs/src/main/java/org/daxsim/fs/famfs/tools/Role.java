package org.daxsim.fs.famfs.tools;

import java.util.UUID;
import org.daxsim.core.ErrnoException;
import org.daxsim.fs.famfs.format.Superblock;

/** enum famfs_system_role (famfs_meta.h) and famfs_get_role(). */
enum Role {
  MASTER,
  CLIENT,
  NOSUPER,
  NODEV;

  /**
   * famfs_get_role(): NOSUPER for an invalid superblock; MASTER when this host's system UUID
   * is the superblock's; CLIENT otherwise, including when the UUID cannot be read.
   */
  static Role of(ToolEnv env, Meta meta) throws ErrnoException {
    if (meta.checkSuper() != 0) {
      return NOSUPER;
    }
    Superblock sb = meta.superblock();
    UUID me = SystemUuid.get(env);
    return me != null && me.equals(sb.systemUuid()) ? MASTER : CLIENT;
  }
}
