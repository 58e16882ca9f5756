# Finds a JDK 21+ and exports JAVA_HOME for it. Looks at JAVA_HOME, then java on PATH, then /usr/lib/jvm/*.
# Sourced by bin/corral, bin/test and .ci/run.

corral_java_major() {
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -n 1
}

corral_use_jdk21() {
  local candidates=() candidate major
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME/bin/java")
  command -v java >/dev/null 2>&1 && candidates+=("$(command -v java)")
  for candidate in /usr/lib/jvm/*/bin/java; do [ -x "$candidate" ] && candidates+=("$candidate"); done
  for candidate in "${candidates[@]}"; do
    major="$(corral_java_major "$candidate" || true)"
    if [ -n "$major" ] && [ "$major" -ge 21 ] 2>/dev/null && [ -x "$(dirname "$candidate")/javac" ]; then
      export JAVA_HOME="$(cd "$(dirname "$candidate")/.." && pwd)"
      return 0
    fi
  done
  echo "corral: needs a JDK 21 or newer (with javac), and found none (looked at JAVA_HOME, java on PATH, /usr/lib/jvm/*)." >&2
  echo "corral: install one (for example Temurin 21+ or 'openjdk-21-jdk-headless' where your distribution has it), or set JAVA_HOME." >&2
  return 1
}
