package org.daxsim.testkit;

/**
 * One step of a generated multi-host famfs sequence: which host acts, in which role, and what it
 * does. Made by {@link GensHosts}; host 0 ({@code node0}) is the master, the others clients.
 *
 * @param host the host index, 0 for the master
 * @param role the host's role
 * @param action what it does
 * @param file the file index the action names (0 when it names none)
 */
public record HostStep(int host, Role role, Action action, int file) {
  /** famfs roles (famfs.md 1.2): the master owns the log; clients replay it. */
  public enum Role {
    /** The host that ran mkfs and may append to the log. */
    MASTER,
    /** A host that mounts the same memory and plays the master's log. */
    CLIENT
  }

  /** The actions of a step. */
  public enum Action {
    /** famfs mount (the first step of every host that acts). */
    MOUNT,
    /** famfs creat a file (master only, unless forbidden actions are asked for). */
    CREAT,
    /** famfs mkdir (master only, unless forbidden actions are asked for). */
    MKDIR,
    /** Write a file's bytes (master only, unless forbidden actions are asked for). */
    WRITE,
    /** Read a file's bytes. */
    READ,
    /** famfs logplay. */
    LOGPLAY,
    /** umount (a later step of the host mounts again first). */
    UMOUNT
  }

  /** The daxsim host name: node0, node1, ... */
  public String hostName() {
    return "node" + host;
  }

  /** True for an action only the master may take. */
  public boolean mastersOnly() {
    return action == Action.CREAT || action == Action.MKDIR || action == Action.WRITE;
  }

  @Override
  public String toString() {
    return hostName() + "(" + role.name().toLowerCase() + "): " + action.name().toLowerCase()
        + (file > 0 ? " f" + file : "");
  }
}
