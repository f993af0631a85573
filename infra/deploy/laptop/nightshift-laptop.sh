#!/usr/bin/env sh
# Starts the Nightshift laptop from this folder (Linux, macOS): nightshift-laptop.jar with laptop.properties.
# At login: nightshift-laptop.service (systemd user unit, see there). Needs Java 21+ on the PATH or in JAVA_HOME.
# NIGHTSHIFT_LAPTOP_HEAP sets the heap (default 2g; docs/laptop.md gives what a catalog needs).
set -eu
cd "$(dirname "$0")"
JAVA=java
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then JAVA="$JAVA_HOME/bin/java"; fi
# PyTorch's native library ships inside the jar: DJL must never try to download one.
DJL_OFFLINE=true
export DJL_OFFLINE
exec "$JAVA" "-Xmx${NIGHTSHIFT_LAPTOP_HEAP:-2g}" -XX:+ExitOnOutOfMemoryError --enable-native-access=ALL-UNNAMED \
  -jar nightshift-laptop.jar --spring.config.additional-location=file:./laptop.properties "$@"
