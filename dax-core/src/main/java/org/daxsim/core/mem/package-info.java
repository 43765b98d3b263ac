/**
 * Physical memory: sparse {@link org.daxsim.core.mem.MemoryDevice}s with per-page poison, a host's
 * {@link org.daxsim.core.mem.PhysicalAddressSpace} of windows onto them, and the iomem {@link
 * org.daxsim.core.mem.Resource} tree of kernel/resource.c.
 */
package org.daxsim.core.mem;
