package org.daxsim.bus.sysfs;

import java.util.List;
import org.daxsim.core.ErrnoException;

/** One entry of the simulated sysfs tree, built on demand from the bus state. */
sealed interface Node permits Node.Dir, Node.Attr, Node.Link {

  /** A directory: its entries by name, looked up lazily. */
  non-sealed interface Dir extends Node {
    List<String> names();

    /** The entry called {@code name}, or null. */
    Node child(String name);
  }

  /** show(): the text the kernel prints. */
  @FunctionalInterface
  interface Show {
    String show() throws ErrnoException;
  }

  /** store(): consumes the C string the write delivered; errors carry the kernel's errno. */
  @FunctionalInterface
  interface Store {
    void store(String buf) throws ErrnoException;
  }

  /** An attribute file with its mode; a null show or store means the operation is absent. */
  record Attr(int mode, Show show, Store store) implements Node {
    static Attr ro(int mode, Show show) {
      return new Attr(mode, show, null);
    }

    static Attr wo(Store store) {
      return new Attr(0200, null, store);
    }

    static Attr rw(int mode, Show show, Store store) {
      return new Attr(mode, show, store);
    }
  }

  /** A symbolic link to an absolute path. */
  record Link(String target) implements Node {}
}
