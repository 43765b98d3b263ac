package org.daxsim.fs.famfs.tools;

import java.util.List;
import org.daxsim.core.ErrnoException;

/** One famfs subcommand: its arguments after the subcommand name; a failure is a ToolError. */
@FunctionalInterface
interface Command {
  /** Runs; returns the exit status of a success that is not 0 (e.g. fsck's count), else 0. */
  int run(ToolEnv env, List<String> args, Io io) throws ErrnoException;
}
