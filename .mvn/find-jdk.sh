# Sourced by ./mvnw, ./nightshift and .ci/run: points JAVA_HOME at a JDK 21 or newer.
# Order: JAVA_HOME as given, then the usual JVM folders (newest first), then `java` on PATH.
# Prints what to install and returns 1 when none is found.

nightshift_jdk_major() {
  # The `release` file is cheap to read; fall back to asking the binary.
  local home=$1 v=
  if [ -r "$home/release" ]; then
    v=$(sed -n 's/^JAVA_VERSION="\([^"]*\)".*/\1/p' "$home/release")
  fi
  if [ -z "$v" ] && [ -x "$home/bin/java" ]; then
    v=$("$home/bin/java" -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p' | head -n1)
  fi
  v=${v#1.}
  echo "${v%%[.+-]*}"
}

nightshift_is_jdk21() {
  local home=$1 major=
  [ -n "$home" ] && [ -x "$home/bin/javac" ] || return 1
  major=$(nightshift_jdk_major "$home")
  [ -n "$major" ] && [ "$major" -ge 21 ] 2>/dev/null
}

nightshift_find_jdk() {
  local candidate=
  # ./mvnw runs under `set -f`; the folder search needs globbing.
  case $- in *f*) NIGHTSHIFT_NOGLOB=1; set +f ;; esac
  if nightshift_is_jdk21 "${JAVA_HOME:-}"; then return 0; fi
  for candidate in $(ls -d /usr/lib/jvm/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* \
      /Library/Java/JavaVirtualMachines/*/Contents/Home 2>/dev/null | sort -rV); do
    if nightshift_is_jdk21 "$candidate"; then export JAVA_HOME=$candidate; return 0; fi
  done
  if command -v javac >/dev/null 2>&1; then
    candidate=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    if nightshift_is_jdk21 "$candidate"; then export JAVA_HOME=$candidate; return 0; fi
  fi
  {
    echo "nightshift: no JDK 21 or newer found."
    echo "  Looked at JAVA_HOME (${JAVA_HOME:-unset}), /usr/lib/jvm, /opt/java, ~/.sdkman and the java on PATH."
    echo "  Install one (e.g. 'apt-get install openjdk-21-jdk-headless' or a Temurin 21/25 JDK)"
    echo "  or set JAVA_HOME to its folder, then run the command again."
  } >&2
  return 1
}

nightshift_find_jdk || exit 1
case ${NIGHTSHIFT_NOGLOB:-} in 1) set -f ;; esac
export PATH="$JAVA_HOME/bin:$PATH"
