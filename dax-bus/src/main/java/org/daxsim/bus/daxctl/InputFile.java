package org.daxsim.bus.daxctl;

import java.util.ArrayList;
import java.util.List;
import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;

/** daxctl/device.c parse_device_file: the --input JSON of create-device. */
final class InputFile {
  private InputFile() {}

  /**
   * Reads align, size, chardev (region from "dax%u.%u") and mappings (sorted by page_offset)
   * into the command; 0 or -EINVAL (for a missing file, bad JSON or a missing key).
   */
  static int parse(DeviceCommand cmd, String filename) {
    int rc = Errno.EINVAL.neg();
    String text;
    try {
      text = cmd.lib.files.read(filename);
    } catch (ErrnoException e) {
      return rc;
    }
    Json top = text == null ? null : JsonParser.parse(text);
    if (!(top instanceof Json.Obj obj)) {
      return rc;
    }
    Json align = obj.get("align");
    if (align == null) {
      return rc;
    }
    Json size = obj.get("size");
    if (size == null) {
      return rc;
    }
    Json chardev = obj.get("chardev");
    if (chardev == null) {
      return rc;
    }
    String name = chardev.asString();
    int[] ids = name == null ? null : Scan.daxName(name);
    if (ids == null) {
      return rc;
    }
    Json jmaps = obj.get("mappings");
    if (jmaps == null) {
      return rc;
    }
    cmd.opts.strings.compute("align", (k, v) -> align.asString());
    cmd.opts.strings.compute("size", (k, v) -> size.asString());
    cmd.region = Integer.toUnsignedString(ids[0]);
    List<Json> items = jmaps instanceof Json.Arr a ? a.items : List.of();
    List<DeviceCommand.Map> maps = new ArrayList<>();
    for (Json j : DeviceCommand.sortByPageOffset(items)) {
      Json.Obj m = j instanceof Json.Obj o ? o : null;
      Json start = m == null ? null : m.get("start");
      Json end = m == null ? null : m.get("end");
      Json pgoff = m == null ? null : m.get("page_offset");
      if (start == null || end == null || pgoff == null) {
        return rc;
      }
      maps.add(new DeviceCommand.Map(start.asInt64(), end.asInt64(), pgoff.asInt64()));
    }
    cmd.maps = List.copyOf(maps);
    cmd.nmaps = maps.size();
    return 0;
  }
}
