/**
 * Virtual memory: the kernel half of a host's address space ({@link
 * org.daxsim.core.mm.KernelAddressSpace}: direct map, memremap_pages, memremap), processes'
 * user address spaces ({@link org.daxsim.core.mm.Mm} with {@link org.daxsim.core.mm.Vma}s, a
 * 4-level page table, page faults and {@link org.daxsim.core.mm.Signal}s), files' {@link
 * org.daxsim.core.mm.AddressSpace}s, and {@link org.daxsim.core.mm.IovIter} with the kernel's
 * copy routines. Kernel addresses that are not mapped fault like the CPU would: user copies
 * come back short, kernel-internal accesses {@link org.daxsim.core.Oops}.
 */
package org.daxsim.core.mm;
