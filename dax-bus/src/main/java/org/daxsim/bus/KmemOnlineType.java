package org.daxsim.bus;

import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;

/**
 * The values the memory block {@code state} attribute accepts (drivers/base/memory.c
 * mhp_online_type_from_str / state_store): online (default zone), online_kernel, online_movable,
 * offline.
 */
public enum KmemOnlineType {
  /** MMOP_ONLINE: the default zone; memory added by kmem (driver managed) goes to Normal here. */
  ONLINE("online"),
  /** MMOP_ONLINE_KERNEL: ZONE_NORMAL. */
  ONLINE_KERNEL("online_kernel"),
  /** MMOP_ONLINE_MOVABLE: ZONE_MOVABLE. */
  ONLINE_MOVABLE("online_movable"),
  /** MMOP_OFFLINE. */
  OFFLINE("offline");

  private final String text;

  KmemOnlineType(String text) {
    this.text = text;
  }

  /** The attribute text. */
  public String text() {
    return text;
  }

  /** mhp_online_type_from_str(): EINVAL for anything else (one trailing newline allowed). */
  public static KmemOnlineType parse(String s) throws ErrnoException {
    if (s != null) {
      String t = s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
      for (KmemOnlineType v : values()) {
        if (v.text.equals(t)) {
          return v;
        }
      }
    }
    throw ErrnoException.of(Errno.EINVAL, "invalid memory block state '%s'", s);
  }
}
