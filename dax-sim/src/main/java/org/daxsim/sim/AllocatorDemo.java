package org.daxsim.sim;

import org.daxsim.core.ErrnoException;

/**
 * {@code daxsim demo allocator}: how a dev_dax device ends up with several physical ranges
 * (drivers/dax/bus.c dev_dax_resize: first fit in address order, in-place extension of the
 * device's own last range, new ranges numbered by page offset; dev_dax_shrink from the end of
 * the page-offset space), shown with {@code daxctl list -D -M}.
 */
final class AllocatorDemo {
  private AllocatorDemo() {}

  /** Runs the demo on a fresh world; the text it prints. */
  static String run() throws ErrnoException {
    DemoScript s = DemoScript.fresh(0);
    s.say("How a dev_dax device gets several physical ranges: the region allocator of"
        + " drivers/dax/bus.c\n(dev_dax_resize) takes the FIRST free gap in address order;"
        + " only when that gap follows\nthe device's own last range does the range grow in"
        + " place.");
    s.heading("1. An idle 1 GiB region and two 256 MiB devices, back to back");
    s.quiet("region add --size 1G --idle");
    s.quiet("daxctl create-device -r 0 -s 256M");
    s.quiet("daxctl create-device -r 0 -s 256M");
    s.sh("daxctl list -D -M");

    s.heading("2. Grow dax0.1 to 512 MiB: no room behind it, so a second range");
    s.quiet("daxctl disable-device dax0.1");
    s.quiet("daxctl reconfigure-device -s 512M dax0.1");
    s.sh("daxctl list -D -M -d dax0.1");
    s.say("The first gap in address order is the tail after dax0.2. It does not follow"
        + " dax0.1's own\nlast range, so the allocator made mapping1 (page_offset 0x10000 ="
        + " 256 MiB / 4 KiB)\nright after dax0.2. daxctl lists mappings highest index first.");

    s.heading("3. Free the hole, grow again: a third range, not a merge");
    s.quiet("daxctl disable-device dax0.2");
    s.quiet("daxctl destroy-device dax0.2");
    s.quiet("daxctl reconfigure-device -s 640M dax0.1");
    s.sh("daxctl list -D -M -d dax0.1");
    s.say("The freed 256 MiB hole is the first gap; it follows dax0.1's range 0, but range 0"
        + " is not\nthe device's LAST range (page offsets must keep increasing), so the"
        + " 128 MiB came as\nmapping2 at the hole's start. Physically in order: range 0,"
        + " range 2, range 1.");

    s.heading("4. Shrink: capacity goes from the end of the page-offset space");
    s.quiet("daxctl reconfigure-device -s 384M dax0.1");
    s.sh("daxctl list -D -M -d dax0.1");
    s.say("Shrinking to 384 MiB dropped mapping2 (128 MiB) and pulled mapping1's end in by"
        + " 128 MiB:\nthe last ranges by page offset go first, whatever their address.");
    return s.text();
  }
}
