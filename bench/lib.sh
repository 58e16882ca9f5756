# shellcheck shell=bash
# Helpers shared by the benchmark harnesses (bench/run, bench/dispatch). Sourced, not run.
#
# The sourcing script sets BENCH, ROOT and OUT first, and SERVERS (the servers it benchmarks), METRICS (its table
# rows, "key|label|better"), START_TIMEOUT, SERVER_CPUS and WRK_CPUS before calling the functions that use them.
# Figures go into the associative array M as M[server:key].

LOG_TAG=${LOG_TAG:-bench}

log() { printf '[%s] %s\n' "$LOG_TAG" "$*" >&2; }
die() { log "error: $*"; exit 1; }
has() { [[ " ${SERVERS[*]} " == *" $1 "* ]]; }
calc() { awk "BEGIN { printf $1 }"; }

# --- prerequisites --------------------------------------------------------

ensure_apt() { # command package
  command -v "$1" >/dev/null && return
  log "installing $2"
  apt-get install -y -qq "$2" >&2 || { apt-get update -qq >&2 && apt-get install -y -qq "$2" >&2; }
  command -v "$1" >/dev/null || die "installing $2 did not provide $1"
}

ensure_wrk() { ensure_apt wrk wrk; }

# The platform package's binary is run directly (no launcher in between), so
# the PID we start is the process we measure. See README.md for why the lock
# pins @cloudflare/workerd-linux-64 rather than the `workerd` wrapper package.
WORKERD_BIN=$BENCH/node_modules/@cloudflare/workerd-linux-64/bin/workerd
ensure_workerd() {
  [[ $(uname -sm) == "Linux x86_64" ]] || die "the pinned workerd build is for Linux x86-64 only"
  [[ -x $WORKERD_BIN ]] && return
  log "installing workerd (npm ci)"
  (cd "$BENCH" && npm ci --no-audit --no-fund >&2)
  [[ -x $WORKERD_BIN ]] || die "npm ci did not provide $WORKERD_BIN"
}

java_major() { "$1" -version 2>&1 | awk -F'"' '/version/ { split($2, v, "."); print v[1]; exit }'; }

# The build and bin/corral need Java 21+, while a machine's default `java` may
# be older; use the first installed JDK that is new enough.
ensure_java() {
  local java=${JAVA_HOME:+$JAVA_HOME/bin/java}
  java=${java:-$(command -v java || true)}
  [[ -n $java ]] && (($(java_major "$java") >= 21)) && return
  for java in /usr/lib/jvm/*/bin/java; do
    if (($(java_major "$java") >= 21)); then
      export JAVA_HOME=${java%/bin/java}
      export PATH=$JAVA_HOME/bin:$PATH
      log "using JAVA_HOME=$JAVA_HOME"
      return
    fi
  done
  die "Corral needs Java 21 or later; set JAVA_HOME"
}

# Builds the jar bin/corral runs when it is missing, as bin/corral itself
# would (but before the clock starts), and also when sources changed since it
# was built: a benchmark of stale code would be misleading.
ensure_corral() {
  [[ -x $ROOT/bin/corral ]] || die "bin/corral not found in $ROOT (try --only workerd)"
  ensure_java
  local jar=$ROOT/server/target/corral-server.jar
  if [[ ! -f $jar ]] || [[ -n $(find "$ROOT" \( -name .git -o -name node_modules -o -name target -o -path "$BENCH" \) -prune \
      -o -type f \( -name pom.xml -o -path '*/src/main/*' \) -newer "$jar" -print -quit) ]]; then
    log "building Corral (./mvnw -q -DskipTests package)"
    (cd "$ROOT" && ./mvnw -q -DskipTests package >&2)
  fi
}

# --- process accounting ---------------------------------------------------

declare -A PID T0 M
SCRATCH=
WRK_PID=
CLK_TCK=$(getconf CLK_TCK)

# A launcher script may run the real server as a child; every figure below is
# taken over the whole process tree so that it is counted either way.
tree_pids() {
  local child
  echo "$1"
  for child in $(pgrep -P "$1" || true); do tree_pids "$child"; done
}

alive() {
  local stat
  stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
  stat=${stat##*) }
  [[ ${stat:0:1} != Z ]]
}

# User + system CPU seconds of a process tree (fields 14 and 15 of
# /proc/PID/stat, counted after the command name, which may contain spaces).
cpu_seconds() {
  local ticks=0 p stat f
  for p in $(tree_pids "$1"); do
    stat=$(cat "/proc/$p/stat" 2>/dev/null) || continue
    read -ra f <<<"${stat##*) }"
    ticks=$((ticks + f[11] + f[12]))
  done
  calc "\"%.3f\", $ticks / $CLK_TCK"
}

# Busy CPU seconds of the whole machine from /proc/stat (user, nice, system,
# irq, softirq, steal), which also counts processes of other containers. This
# kernel charges interrupt time to the interrupted task, so the servers' own
# loopback traffic is in their figures and must be in this total too.
machine_cpu_seconds() {
  awk -v hz="$CLK_TCK" '$1 == "cpu" { printf "%.3f", ($2 + $3 + $4 + $7 + $8 + $9) / hz; exit }' /proc/stat
}

# Sets the variable named $1 to the CPU seconds of this shell's reaped
# children. `times` must run in this shell, not in a $(...) subshell, whose
# own children are others; wrk is the only child reaped while it runs.
children_cpu_seconds() {
  local user sys
  times >"$OUT/.times"
  { read -r _; read -r user sys; } <"$OUT/.times"
  user=${user%s} sys=${sys%s}
  printf -v "$1" '%s' "$(calc "\"%.3f\", ${user%%m*} * 60 + ${user#*m} + ${sys%%m*} * 60 + ${sys#*m}")"
}

# Sum of a /proc/PID/status field (VmRSS, VmHWM) over a process tree, in MiB.
mem_mib() {
  local kb=0 p v
  for p in $(tree_pids "$2"); do
    v=$(awk -v f="$1:" '$1 == f { print $2 }' "/proc/$p/status" 2>/dev/null) || continue
    kb=$((kb + ${v:-0}))
  done
  calc "\"%.1f\", $kb / 1024"
}

cleanup() {
  local name pid
  [[ -z $WRK_PID ]] || kill "$WRK_PID" 2>/dev/null || true
  for name in "${!PID[@]}"; do kill -TERM -- "-${PID[$name]}" 2>/dev/null || true; done
  for name in "${!PID[@]}"; do
    pid=${PID[$name]}
    for _ in {1..50}; do alive "$pid" || break; sleep 0.1; done
    kill -KILL -- "-$pid" 2>/dev/null || true
  done
  [[ -z $SCRATCH ]] || rm -rf "$SCRATCH"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
  local p
  for ((p = $1; ; p++)); do
    (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
  done
}

# Starts a process in its own process group (so cleanup reaches all of it),
# with its output in $OUT/NAME.log; T0[NAME] is when it was launched.
launch() { # name command...
  local name=$1
  shift
  T0[$name]=$EPOCHREALTIME
  "${SERVER_CPUS[@]}" setsid "$@" >"$OUT/$name.log" 2>&1 </dev/null &
  PID[$name]=$!
}

# Waits until URL answers with a 2xx (extra curl arguments such as -H may
# follow), giving up START_TIMEOUT seconds after the process was launched or
# as soon as it exits.
await_url() { # name url [curl args...]
  local name=$1 url=$2 deadline
  shift 2
  deadline=$(calc "\"%d\", ${T0[$name]} + $START_TIMEOUT")
  until curl -fs -o /dev/null --max-time 2 "$@" "$url"; do
    alive "${PID[$name]}" || { tail -n 20 "$OUT/$name.log" >&2; die "$name exited during startup"; }
    ((${EPOCHREALTIME%.*} < deadline)) || die "$name: no answer from $url within ${START_TIMEOUT}s (log: $OUT/$name.log)"
    sleep 0.05
  done
}

# Seconds since the process named $1 was launched.
since_launch() { calc "\"%.2f\", $EPOCHREALTIME - ${T0[$1]}"; }

# --- load -----------------------------------------------------------------

# Prints "req/s p50_ms p99_ms requests errors" from wrk --latency output.
parse_wrk() {
  awk '
    function ms(v) {
      if (v ~ /us$/) return v / 1000
      if (v ~ /ms$/) return v + 0
      if (v ~ /m$/) return v * 60000
      if (v ~ /s$/) return v * 1000
      return v
    }
    $1 == "50%" { p50 = ms($2) }
    $1 == "99%" { p99 = ms($2) }
    / requests in / { n = $1 }
    /^Requests\/sec:/ { rps = $2 }
    /Non-2xx or 3xx responses:/ { err += $NF }
    /^ *Socket errors:/ { for (i = 3; i <= NF; i++) { v = $i; sub(/,$/, "", v); if (v ~ /^[0-9]+$/) err += v } }
    END {
      if (rps == "" || p50 == "" || p99 == "") exit 1
      printf "%s %s %s %s %d\n", rps, p50, p99, n, err
    }' "$1"
}

# wrk runs in the background so that a TERM to this script is handled at once
# (bash defers traps until a foreground child ends) and cleanup can stop it.
wrk_run() { # output wrk-arguments...
  local out=$1
  shift
  "${WRK_CPUS[@]}" wrk "$@" >"$out" &
  WRK_PID=$!
  wait "$WRK_PID"
  WRK_PID=
}

# Processes (names in PID) that serve the server under test but are not part
# of it, such as an upstream; measure records each one's cores as
# PHASE_<name>_cores and leaves them out of "elsewhere".
HELPERS=()

# One measured wrk run of server NAME; PHASE names its figures in M.
measure() { # name phase output wrk-arguments...
  local name=$1 phase=$2 file=$3 helper
  local c0 c1 m0 m1 w0 w1 t0 t1 rps p50 p99 n err cpu wall helpers=0
  local -A h0
  shift 3
  for helper in "${HELPERS[@]}"; do h0[$helper]=$(cpu_seconds "${PID[$helper]}"); done
  c0=$(cpu_seconds "${PID[$name]}"); m0=$(machine_cpu_seconds); t0=$EPOCHREALTIME
  children_cpu_seconds w0
  wrk_run "$file" "$@"
  children_cpu_seconds w1
  c1=$(cpu_seconds "${PID[$name]}"); m1=$(machine_cpu_seconds); t1=$EPOCHREALTIME
  read -r rps p50 p99 n err < <(parse_wrk "$file") || die "could not parse $file"
  ((n > 0)) || die "$name served no request (see $file)"
  cpu=$(calc "\"%.3f\", $c1 - $c0")
  wall=$(calc "\"%.3f\", $t1 - $t0")
  for helper in "${HELPERS[@]}"; do
    h0[$helper]=$(calc "\"%.3f\", $(cpu_seconds "${PID[$helper]}") - ${h0[$helper]}")
    helpers=$(calc "\"%.3f\", $helpers + ${h0[$helper]}")
    M[$name:${phase}_${helper}_cores]=$(calc "\"%.2f\", ${h0[$helper]} / $wall")
  done
  M[$name:${phase}_rps]=$(calc "\"%.0f\", $rps")
  M[$name:${phase}_p50_ms]=$(calc "\"%.3f\", $p50")
  M[$name:${phase}_p99_ms]=$(calc "\"%.3f\", $p99")
  M[$name:${phase}_cores]=$(calc "\"%.2f\", $cpu / $wall")
  M[$name:${phase}_cpu_s_per_1k]=$(calc "\"%.4f\", $cpu / ($n / 1000)")
  M[$name:${phase}_wrk_cores]=$(calc "\"%.2f\", ($w1 - $w0) / $wall")
  M[$name:${phase}_other_cores]=$(calc "\"%.2f\", ($m1 - $m0 - $cpu - ($w1 - $w0) - $helpers) / $wall")
  M[$name:errors]=$((${M[$name:errors]:-0} + err))
}

# --- report ---------------------------------------------------------------

ratio() { # corral workerd [better] -> Corral/workerd, or "-" when undefined
  [[ -n $1 && -n $2 && ${3:-} != env ]] && awk -v c="$1" -v w="$2" 'BEGIN { if (w != 0) { printf "%.2f", c / w; exit } exit 1 }' || echo -
}

verdict() { # better corral workerd
  [[ $1 != info && $1 != env && -n $2 && -n $3 ]] || { echo -; return; }
  awk -v b="$1" -v c="$2" -v w="$3" 'BEGIN {
    if (c == w) { print "tie"; exit }
    print ((c > w) == (b == "higher") ? "Corral" : "workerd") " (" (b == "higher" ? "higher" : "lower") ")"
  }'
}

# The METRICS rows side by side. "better" is the direction that wins: "info"
# for neither (no verdict), "env" for figures about the run's surroundings (no
# verdict, no ratio). A row whose key starts with "#" is a section heading.
# The table's printf format is a constant kept in one variable for all rows.
# shellcheck disable=SC2059
print_table() {
  local spec key label better c w
  local fmt='%-34s | %10s | %10s | %14s | %s\n'
  printf "$fmt" metric Corral workerd Corral/workerd better
  printf '%s\n' "-----------------------------------+------------+------------+----------------+-----------------"
  for spec in "${METRICS[@]}"; do
    IFS='|' read -r key label better <<<"$spec"
    if [[ $key == "#"* ]]; then
      printf '%s\n' "$label"
      continue
    fi
    c=${M[corral:$key]:-} w=${M[workerd:$key]:-}
    printf "$fmt" "$label" "${c:--}" "${w:--}" "$(ratio "$c" "$w" "$better")" "$(verdict "$better" "$c" "$w")"
  done
}

json_object() { # name -> {"key": value, ...} of that server's figures (null where it has none)
  local spec key sep=""
  printf '{'
  for spec in "${METRICS[@]}"; do
    key=${spec%%|*}
    [[ $key != "#"* ]] || continue
    printf '%s"%s": %s' "$sep" "$key" "${M[$1:$key]:-null}"
    sep=", "
  done
  printf '}'
}

# The opening of a result file, up to and including its "versions" line.
json_preamble() { # benchmark config-json
  local cpu_model
  cpu_model=$(awk -F': ' '/^model name/ { gsub(/["\\]/, "", $2); print $2; exit }' /proc/cpuinfo)
  printf '{\n  "benchmark": "%s",\n  "time": "%s",\n' "$1" "$(date -u +%FT%TZ)"
  printf '  "machine": {"cpus": %s, "cpu_model": "%s"},\n' "$(nproc)" "$cpu_model"
  printf '  "config": %s,\n' "$2"
  printf '  "versions": {"workerd": "%s", "corral_commit": "%s"},\n' \
    "$(has workerd && "$WORKERD_BIN" --version | awk '{ print $2 }')" \
    "$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || true)"
}

# "results" and, when both servers ran, "ratio_corral_over_workerd" (without
# the "env" rows); ratios undefined because workerd's value is 0 or missing are null.
json_results() {
  local name spec key better sep=""
  printf '  "results": {'
  for name in "${SERVERS[@]}"; do
    printf '%s\n    "%s": %s' "$sep" "$name" "$(json_object "$name")"
    sep=","
  done
  printf '\n  }'
  if has corral && has workerd; then
    printf ',\n  "ratio_corral_over_workerd": {'
    sep=""
    for spec in "${METRICS[@]}"; do
      IFS='|' read -r key _ better <<<"$spec"
      [[ $key != "#"* && $better != env ]] || continue
      printf '%s"%s": %s' "$sep" "$key" "$(ratio "${M[corral:$key]:-}" "${M[workerd:$key]:-}" | sed 's/^-$/null/')"
      sep=", "
    done
    printf '}'
  fi
}
