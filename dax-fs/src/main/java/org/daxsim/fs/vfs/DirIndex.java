package org.daxsim.fs.vfs;

import java.util.TreeMap;

/**
 * One directory's names: an open-addressing hash table from name to child inode, looked up by a
 * name that is still part of the path being walked. The kernel does the same: link_path_walk()
 * hashes each component in place (hash_name()) and d_lookup() compares (hash, len, bytes)
 * against the dentries, with no copy of the name. Linear probing over parallel arrays, with
 * backward-shift deletion, so a directory of half a million files costs three references and
 * an int per slot rather than a node object per entry, and growing it rehashes stored hashes.
 * Not thread-safe: everything runs under the VFS namespace lock.
 */
final class DirIndex {
  private String[] names = new String[8];
  private Inode[] inodes = new Inode[8];
  private int[] hashes = new int[8];
  private int size;
  /** readdir's name-ordered view, made when first asked for after a change. */
  private TreeMap<String, Inode> sorted;

  /** The hash of {@code path}'s chars {@code [from, to)}: String.hashCode of that substring. */
  static int hash(String path, int from, int to) {
    int h = 0;
    for (int i = from; i < to; i++) {
      h = 31 * h + path.charAt(i);
    }
    return h;
  }

  /**
   * The home slot of a name hash: HashMap's spread, which keeps names that differ in their last
   * char (f000123, f000124, ...) in neighbouring slots, so a run of creates touches few lines.
   */
  static int home(int hash, int mask) {
    return (hash ^ (hash >>> 16)) & mask;
  }

  int size() {
    return size;
  }

  Inode get(String name) {
    return get(name, 0, name.length(), name.hashCode());
  }

  /** The child named by {@code path}'s chars {@code [from, to)} whose hash is {@code hash}. */
  Inode get(String path, int from, int to, int hash) {
    int i = find(path, from, to, hash);
    return i < 0 ? null : inodes[i];
  }

  private int find(String path, int from, int to, int hash) {
    int mask = names.length - 1;
    int len = to - from;
    for (int i = home(hash, mask); ; i = (i + 1) & mask) {
      String n = names[i];
      if (n == null) {
        return -1;
      }
      if (hashes[i] == hash && n.length() == len && path.regionMatches(from, n, 0, len)) {
        return i;
      }
    }
  }

  /** Adds or replaces {@code name}'s entry. */
  void put(String name, Inode inode) {
    int h = name.hashCode();
    int i = find(name, 0, name.length(), h);
    if (i >= 0) {
      inodes[i] = inode;
    } else {
      if ((size + 1) * 2 > names.length) {
        grow();
      }
      insert(name, inode, h);
      size++;
    }
    sorted = null;
  }

  private void insert(String name, Inode inode, int h) {
    int mask = names.length - 1;
    int i = home(h, mask);
    while (names[i] != null) {
      i = (i + 1) & mask;
    }
    names[i] = name;
    inodes[i] = inode;
    hashes[i] = h;
  }

  private void grow() {
    String[] on = names;
    Inode[] oi = inodes;
    int[] oh = hashes;
    names = new String[on.length * 2];
    inodes = new Inode[on.length * 2];
    hashes = new int[on.length * 2];
    for (int i = 0; i < on.length; i++) {
      if (on[i] != null) {
        insert(on[i], oi[i], oh[i]);
      }
    }
  }

  /** Removes {@code name}'s entry; returns its inode, or null if there was none. */
  Inode remove(String name) {
    int i = find(name, 0, name.length(), name.hashCode());
    if (i < 0) {
      return null;
    }
    Inode gone = inodes[i];
    int mask = names.length - 1;
    // backward-shift deletion: pull later entries of the probe run into the hole, so lookups
    // never need tombstones
    for (int j = (i + 1) & mask; names[j] != null; j = (j + 1) & mask) {
      int k = home(hashes[j], mask);
      boolean stays = i <= j ? (i < k && k <= j) : (i < k || k <= j);
      if (!stays) {
        names[i] = names[j];
        inodes[i] = inodes[j];
        hashes[i] = hashes[j];
        i = j;
      }
    }
    names[i] = null;
    inodes[i] = null;
    size--;
    sorted = null;
    return gone;
  }

  /** The entries in name order (read only). */
  TreeMap<String, Inode> sorted() {
    TreeMap<String, Inode> m = sorted;
    if (m == null) {
      m = new TreeMap<>();
      for (int i = 0; i < names.length; i++) {
        if (names[i] != null) {
          m.put(names[i], inodes[i]);
        }
      }
      sorted = m;
    }
    return m;
  }
}
