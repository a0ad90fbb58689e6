# shellcheck shell=bash
# Finds a JDK 21 or newer and sets MEMORYOSS_JAVA_HOME. Sourced by bin/memoryoss and bin/test.
# Order: $JAVA_HOME, `java` on PATH, then the usual install locations (newest first).

memoryoss_java_major() {
  # Prints the major version of the java binary $1, or nothing. The JDK's `release` file says it
  # without starting a JVM (which costs a few hundred ms per candidate, on every launch).
  local home v
  home=$(dirname "$(dirname "$1")")
  if [ -f "$home/release" ]; then
    v=$(sed -n 's/^JAVA_VERSION="\([0-9][0-9]*\).*/\1/p' "$home/release" | head -n 1)
    if [ -n "$v" ]; then echo "$v"; return; fi
  fi
  "$1" -XshowSettings:properties -version 2>&1 \
    | awk -F'= ' '/java.specification.version/ {print $2; exit}' | cut -d. -f1
}

memoryoss_find_jdk() {
  local candidates=() c major best="" best_major=0
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if command -v java >/dev/null 2>&1; then
    c=$(command -v java); c=$(readlink -f "$c" 2>/dev/null || echo "$c")
    candidates+=("$(dirname "$(dirname "$c")")")
  fi
  for c in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* \
           "$HOME"/.jdks/* /Library/Java/JavaVirtualMachines/*/Contents/Home \
           /usr/local/opt/openjdk*/libexec/openjdk.jdk/Contents/Home; do
    [ -d "$c" ] && candidates+=("$c")
  done
  for c in "${candidates[@]}"; do
    [ -x "$c/bin/java" ] && [ -x "$c/bin/javac" ] || continue
    major=$(memoryoss_java_major "$c/bin/java")
    [ -n "$major" ] || continue
    # $JAVA_HOME wins when it is new enough; otherwise take the newest JDK found.
    if [ "$c" = "${JAVA_HOME:-}" ] && [ "$major" -ge 21 ]; then best=$c; best_major=$major; break; fi
    if [ "$major" -ge 21 ] && [ "$major" -gt "$best_major" ]; then best=$c; best_major=$major; fi
  done
  if [ -z "$best" ]; then
    echo "memoryoss: no JDK 21 or newer found (looked at JAVA_HOME, PATH and /usr/lib/jvm)." >&2
    echo "memoryoss: install one (e.g. Temurin 21+) or set JAVA_HOME to it." >&2
    return 1
  fi
  MEMORYOSS_JAVA_HOME=$best
  MEMORYOSS_JAVA_MAJOR=$best_major
}
