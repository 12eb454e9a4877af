# Sourced by ./tails and ./test: sets JAVA_HOME to a JDK >= 25 or explains what to install.
java_major() { # prints the major version of the JDK at $1, or 0
  local v
  # The release file says it without starting a JVM (0.2 s of CPU on every launch); else ask the JVM.
  v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" 2>/dev/null || true)
  [[ -n "$v" ]] || v=$("$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
  echo "${v:-0}"
}

find_jdk() {
  if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/javac" && $(java_major "$JAVA_HOME") -ge 25 ]]; then
    echo "$JAVA_HOME"; return
  fi
  local candidate
  for candidate in /usr/lib/jvm/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/*; do
    if [[ -x "$candidate/bin/javac" && $(java_major "$candidate") -ge 25 ]]; then
      echo "$candidate"; return
    fi
  done
  if command -v javac >/dev/null; then
    candidate="$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")"
    if [[ $(java_major "$candidate") -ge 25 ]]; then echo "$candidate"; return; fi
  fi
  return 1
}

if ! TAILS_JDK="$(find_jdk)"; then
  echo "tails needs a JDK 25 or newer (with jdk.incubator.vector). None found in JAVA_HOME, /usr/lib/jvm," >&2
  echo "/opt or on the PATH. Install one (e.g. Temurin 25 from https://adoptium.net) and set JAVA_HOME to it." >&2
  exit 1
fi
export JAVA_HOME="$TAILS_JDK"
# Maven's own Guava warns about sun.misc.Unsafe on JDK 25; it is not ours to fix.
export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
if ! command -v mvn >/dev/null; then
  echo "tails needs Apache Maven to build ('apt-get install maven')." >&2
  exit 1
fi
