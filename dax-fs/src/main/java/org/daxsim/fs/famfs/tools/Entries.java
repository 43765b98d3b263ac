package org.daxsim.fs.famfs.tools;

import org.daxsim.fs.famfs.format.AddDaxdevEntry;
import org.daxsim.fs.famfs.format.FileEntry;
import org.daxsim.fs.famfs.format.LogEntry;
import org.daxsim.fs.famfs.format.MkdirEntry;

/** Small helpers over log entries. */
final class Entries {
  private Entries() {}

  /** The same entry with its seqnum set to slot {@code seq}. */
  static LogEntry withSeqnum(LogEntry e, long seq) {
    if (e instanceof FileEntry f) {
      return new FileEntry(seq, f.size(), f.flags(), f.uid(), f.gid(), f.mode(), f.relpath(),
          f.fmap());
    } else if (e instanceof MkdirEntry m) {
      return new MkdirEntry(seq, m.uid(), m.gid(), m.mode(), m.relpath());
    }
    AddDaxdevEntry a = (AddDaxdevEntry) e;
    return new AddDaxdevEntry(seq, a.ddSize(), a.ddUuid(), a.ddIndex());
  }
}
