package org.daxsim.core.trace;

/**
 * Why a huge (PMD/PUD) dax fault returned VM_FAULT_FALLBACK, for
 * {@link Tracepoint#FAULT_FALLBACK}: the checks of fs/dax.c dax_iomap_pmd_fault() and
 * dax_fault_check_fallback(), and of device-dax's __dev_dax_pmd_fault()/__dev_dax_pud_fault().
 */
public enum FallbackReason {
  /** fs/dax.c handles PTE and PMD only: a PUD fault falls back. */
  SIZE_UNSUPPORTED("fs/dax does not map this size"),
  /** dax_fault_check_fallback(): file page and virtual address differ within the PMD. */
  COLOUR("file offset and address are not PMD-congruent"),
  /** dax_fault_check_fallback(): a write to a private mapping needs a CoW page. */
  PRIVATE_WRITE("write to a private mapping"),
  /** dax_fault_check_fallback(): the PMD is not wholly inside the VMA. */
  OUTSIDE_VMA("PMD not inside the VMA"),
  /** dax_fault_check_fallback(): the PMD passes end of file. */
  PAST_EOF("PMD passes end of file"),
  /** grab_mapping_entry(PMD_ORDER): PTE entries already cover part of the PMD. */
  PTE_ENTRIES("PTE entries present in the PMD range"),
  /** ->iomap_begin() failed. */
  IOMAP_ERROR("iomap_begin failed"),
  /** The extent iomap_begin returned covers less than the PMD. */
  SHORT_EXTENT("extent shorter than PMD"),
  /** A hole or unwritten extent read: no huge zero folio (dax_pmd_load_hole). */
  HOLE("hole (no huge zero page)"),
  /** The extent is neither mapped nor shared. */
  NOT_MAPPED("extent not mapped"),
  /** dax_iomap_direct_access() failed: short grant, misaligned pfn or a driver error. */
  DIRECT_ACCESS("direct_access short, misaligned or failed"),
  /** vmf_insert_pfn_pmd() could not map the PMD. */
  INSERT("PMD insert failed"),
  /** device-dax: the fault size is larger than the device's align. */
  ALIGN("fault size larger than device align");

  private final String text;

  FallbackReason(String text) {
    this.text = text;
  }

  /** The reason in plain words, as the trace prints it. */
  public String text() {
    return text;
  }
}
