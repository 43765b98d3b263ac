package org.daxsim.sim;

import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;

/** The producers a region can come from ({@code region add --kind}). */
public enum RegionKind {
  /** drivers/dax/hmem: a dynamic region of Soft Reserved memory. */
  HMEM("hmem"),
  /** drivers/dax/cxl.c: a dynamic region with the KMEM flag, daxR.0 in system-ram mode. */
  CXL("cxl"),
  /** drivers/dax/pmem.c: a static region of a devdax namespace, one fixed device. */
  PMEM("pmem");

  private final String id;

  RegionKind(String id) {
    this.id = id;
  }

  /** The name used by the scenario language. */
  public String id() {
    return id;
  }

  /** The kind named {@code id}; EINVAL otherwise. */
  public static RegionKind of(String id) throws ErrnoException {
    for (RegionKind k : values()) {
      if (k.id.equals(id)) {
        return k;
      }
    }
    throw ErrnoException.of(Errno.EINVAL, "unknown region kind '%s' (hmem, cxl, pmem)", id);
  }
}
