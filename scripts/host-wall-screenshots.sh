#!/usr/bin/env bash
# The host's wall and the room's debrief: `tutti host` under Xvfb, seven `tutti table`s beside it
# (each its seats on other strategies; the seventh goes away before the first round), S pressed
# for round 1 and round 2. Saves the wall during round 1 and the room's debrief after round 2
# (about a minute):
#   scripts/host-wall-screenshots.sh [path/to/tutti] [OUTDIR]
# (defaults: $CARGO_TARGET_DIR/debug/tutti docs/screenshots; LEVEL=… for another level, PORT=…
# for another port).
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/tutti/target}"
bin=${1:-$CARGO_TARGET_DIR/debug/tutti}
out=${2:-docs/screenshots}
level=${LEVEL:-levels/04-the-call-nobody-makes.en.ron}
port=${PORT:-7990}
work=$(mktemp -d)
export TUTTI_RESULTS_DIR="$work/results"
tables=()
cleanup() { for p in "${tables[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT
xvfb-run -a -s "-screen 0 1280x720x24" "$bin" host "$level" --port "$port" \
  --session "$work/session" --window 1280x720 --press 8:S --press 27:S \
  --screenshot "16:$out/host-wall.png" --screenshot "47:$out/room-debrief.png" \
  --exit-after 49 >"$work/host.log" 2>&1 &
host=$!
for _ in $(seq 50); do
  grep -q "room code" "$work/host.log" && break
  sleep 0.2
done
code=$(grep -o "room code [A-Z]*" "$work/host.log" | head -1 | awk '{print $3}')
seats=("--seat it=own" "--seat it=attentive --seat billing=attentive"
  "--seat service=own --seat sales=own" "--seat it=masher" "--seat sales=attentive"
  "--seat billing=own --seat it=own" "--seat it=own")
names=("Blue table" "Table 2" "Finance corner" "Table 4" "Window" "Table 6" "Table 7")
for i in "${!names[@]}"; do
  # shellcheck disable=SC2086
  "$bin" table --join "http://127.0.0.1:$port/?room=$code" --name "${names[$i]}" --speed 8 \
    ${seats[$i]} >"$work/table-$i.log" 2>&1 &
  tables+=($!)
  sleep 0.3
done
sleep 2
kill "${tables[6]}"
wait "$host" || true
if grep -q panicked "$work/host.log"; then
  echo "the host panicked: $work/host.log" >&2
  exit 1
fi
echo "saved $out/host-wall.png and $out/room-debrief.png (log: $work/host.log)"
