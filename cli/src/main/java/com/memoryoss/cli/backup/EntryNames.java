package com.memoryoss.cli.backup;

/**
 * The only archive entry names a restore accepts: relative, forward-slash paths under {@code
 * data/} with no empty, {@code .} or {@code ..} segment, no backslash, no control character.
 * Anything else could write outside the data directory and is refused before anything is written.
 */
final class EntryNames {
  private EntryNames() {}

  /** Checks a file entry name; returns it. */
  static String check(String name) {
    String why = problem(name);
    if (why != null) {
      throw new BackupException("refusing archive entry \"" + printable(name) + "\": " + why);
    }
    return name;
  }

  private static String problem(String name) {
    if (name == null || name.isEmpty()) {
      return "empty name";
    }
    if (name.startsWith("/") || name.matches("^[A-Za-z]:.*")) {
      return "absolute path";
    }
    if (name.contains("\\")) {
      return "backslash in path";
    }
    for (int i = 0; i < name.length(); i++) {
      if (name.charAt(i) < 0x20 || name.charAt(i) == 0x7f) {
        return "control character in path";
      }
    }
    if (!name.startsWith(BackupManifest.DATA) || name.length() == BackupManifest.DATA.length()) {
      return "outside data/";
    }
    for (String seg : name.split("/", -1)) {
      if (seg.equals("..")) {
        return "'..' in path";
      }
      if (seg.isEmpty() || seg.equals(".")) {
        return "empty or '.' path segment";
      }
    }
    return null;
  }

  private static String printable(String name) {
    return name == null ? "" : name.replaceAll("\\p{Cntrl}", "?");
  }
}
