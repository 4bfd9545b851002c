#!/usr/bin/env bash
# A room of many tables under load: one host (`tutti host --headless`) and TABLES tables from one
# load-generating process (`tutti table --count TABLES`), ROUNDS rounds of level 4 at SPEED times
# its tempo (so each table reports its bars SPEED times as often as a real one: a harsher load).
# Prints the host's CPU time per table per round, its peak memory, and how far apart the tables'
# synced count-ins started (each table's own estimate of the host's clock when its count-in began,
# against the time the host gave). Run it alone: a build beside it starves the measurement.
#
#   scripts/bench-tables.sh                # 50 tables, 2 rounds, speed 8
#   TABLES=64 TUTTI=target/debug/tutti scripts/bench-tables.sh
set -euo pipefail
cd "$(dirname "$0")/.."
target=${CARGO_TARGET_DIR:-target}
TUTTI=${TUTTI:-$target/release/tutti}
TABLES=${TABLES:-50}
ROUNDS=${ROUNDS:-2}
SPEED=${SPEED:-8}
LEVEL=levels/04-the-call-nobody-makes.en.ron
[ -x "$TUTTI" ] || { echo "no $TUTTI: cargo build --release first, or set TUTTI" >&2; exit 1; }
dir=$(mktemp -d)
trap 'kill $host 2>/dev/null || true; rm -rf "$dir"' EXIT

"$TUTTI" host "$LEVEL" --headless --port 0 --tables "$TABLES" --rounds "$ROUNDS" \
  --session "$dir/session" --lead 2 >"$dir/host.out" 2>"$dir/host.err" &
host=$!
for _ in $(seq 100); do grep -q "room code" "$dir/host.err" 2>/dev/null && break; sleep 0.1; done
line=$(grep -m1 "room code" "$dir/host.err")
port=$(echo "$line" | sed -E 's|.*http://[^:]+:([0-9]+)/.*|\1|')
code=$(echo "$line" | sed -E 's|.*room code ([A-Z]+)\).*|\1|')

"$TUTTI" table --join "http://127.0.0.1:$port/?room=$code" --name Load --count "$TABLES" \
  --speed "$SPEED" >"$dir/load.out" 2>"$dir/load.err" &
load=$!

ticks=$(getconf CLK_TCK)
cpu=0; peak=0
while kill -0 "$host" 2>/dev/null; do
  if [ -r "/proc/$host/stat" ]; then
    stat=$(cut -d' ' -f14,15 "/proc/$host/stat" 2>/dev/null || true)
    [ -n "$stat" ] && cpu=$(( ${stat% *} + ${stat#* } ))
    rss=$(awk '/VmHWM/ {print $2}' "/proc/$host/status" 2>/dev/null || echo 0)
    [ "${rss:-0}" -gt "$peak" ] && peak=$rss
  fi
  sleep 0.2
done
wait "$load" || { echo "the load generator failed:" >&2; cat "$dir/load.err" >&2; exit 1; }
reported=$(grep -c '"table":"' "$dir/host.out" || true)
echo "tables: $TABLES, rounds: $ROUNDS, speed: $SPEED, round reports the host kept: $reported"
awk -v c="$cpu" -v t="$ticks" -v n="$TABLES" -v r="$ROUNDS" -v p="$peak" 'BEGIN {
  printf "host CPU: %.2f s in all, %.1f ms per table per round\n", c / t, 1000 * c / t / n / r
  printf "host peak memory: %.1f MiB\n", p / 1024 }'
echo "count-in starts (ms; spread = latest - earliest table, late = latest table after the host's time):"
cat "$dir/load.out"
