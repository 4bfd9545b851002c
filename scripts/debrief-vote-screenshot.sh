#!/usr/bin/env bash
# The debrief with phones on: level 4 played by the colleagues to its debrief under Xvfb with
# phones on (`--phones`), while `examples/phone_voters.rs` joins eight audience phones that vote
# "who should have made the call?" as soon as the debrief opens the vote. Saves the debrief with
# its vote chart (about two minutes):
#   scripts/debrief-vote-screenshot.sh [path/to/tutti] [WxH] [Stage|Projector] [OUT.png]
# (defaults: target/debug/tutti 1280x720 Stage docs/screenshots/debrief-vote.png; LEVEL=… for
# another level, PORT=… for another port).
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/tutti/target}"
bin=${1:-target/debug/tutti}
size=${2:-1280x720}
theme=${3:-Stage}
out=${4:-docs/screenshots/debrief-vote.png}
level=${LEVEL:-levels/04-the-call-nobody-makes.en.ron}
port=${PORT:-18765}
cargo build --quiet --example phone_voters
mkdir -p "$(dirname "$out")"
work=$(mktemp -d)
mkdir -p "$work/config" "$work/results"
echo "Settings(theme: $theme)" >"$work/config/settings.ron"
TUTTI_SOUNDFONT= TUTTI_CONFIG_DIR="$work/config" TUTTI_RESULTS_DIR="$work/results" \
    xvfb-run -a -s "-screen 0 ${size}x24" "$bin" play "$level" --phones "$port" --autoplay \
    --window "$size" --screenshot 125:"$out" --exit-after 126 >"$work/log" 2>&1 &
game=$!
code=
for _ in $(seq 150); do
    code=$(grep -o "room code [A-Z]*" "$work/log" | head -1 | cut -d' ' -f3 || true)
    [ -n "$code" ] && break
    sleep 0.2
done
[ -n "$code" ] || { cat "$work/log"; echo "the phones never opened" >&2; exit 1; }
# Eight phones: three for the first option, three for the second, two for nobody's job (the
# indices wrap round the options there are).
"$CARGO_TARGET_DIR/debug/examples/phone_voters" "127.0.0.1:$port" "$code" 130 0 1 0 2 1 0 1 2 \
    >"$work/voters" 2>&1 &
voters=$!
wait "$game" || true
kill "$voters" 2>/dev/null || true
cat "$work/voters"
if grep -q panicked "$work/log" || ! grep -q -- "-> Debrief" "$work/log" ||
    ! grep -q "votes cast" "$work/voters"; then
    cat "$work/log"
    echo "no debrief with votes" >&2
    exit 1
fi
echo "$out"
rm -rf "$work"
