#!/usr/bin/env bash
# The round-two flow as a facilitator plays it, with real key events (xdotool) under Xvfb with
# Mesa's software Vulkan (apt-get install xvfb mesa-vulkan-drivers xdotool imagemagick): a round,
# the group's agreement typed on the debrief (æøå included), the same situation again with the
# agreement on stage, then Compare rounds. Writes docs/screenshots/round-two-*.png. About 90 s.
#   scripts/round-two-screenshots.sh [path/to/tutti]
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-target/debug/tutti}
out=docs/screenshots
mkdir -p "$out"
work=$(mktemp -d)
log="$work/log"
display=:$((90 + RANDOM % 9))
Xvfb "$display" -screen 0 1280x720x24 >/dev/null 2>&1 &
xvfb=$!
trap 'kill $game $xvfb 2>/dev/null || true; rm -rf "$work"' EXIT
export DISPLAY=$display
sleep 1
TUTTI_CONFIG_DIR="$work/config" TUTTI_RESULTS_DIR="$work/results" \
    "$bin" play levels/04-the-call-nobody-makes.en.ron --window 1280x720 >"$log" 2>&1 &
game=$!
win=""
for _ in $(seq 1 60); do
    win=$(xdotool search --name Tutti 2>/dev/null | head -1 || true)
    [ -n "$win" ] && break
    sleep 0.5
done
[ -n "$win" ] || { cat "$log"; echo "no window" >&2; exit 1; }
sleep 3
key() { xdotool windowfocus --sync "$win" key --delay 120 "$@"; sleep 0.4; }
shot() { import -window root "$out/$1"; echo "$out/$1"; }

key a Return Return             # Customer service (A) takes a seat; the briefing; the count-in
for _ in $(seq 1 45); do        # round 1: the person at A presses on every other beat or so
    xdotool windowfocus --sync "$win" key a
    sleep 0.6
done
key F9 F9                         # the facilitator skips to the debrief
sleep 2
key Down Down Return              # "The group's agreement"
xdotool windowfocus --sync "$win" type --delay 150 "Kundeservice ringer altid kunden op – også på fredage, æøå"
sleep 0.5
shot round-two-typing.png
key Return                        # kept
sleep 0.5
key Up Up Return                  # "Same situation again"
sleep 14
shot round-two-agreement-on-stage.png
sleep 16
key F9 F9
sleep 2
key Down Down Return              # "Compare rounds"
sleep 1.5
shot round-two-compare.png
key Escape                        # back to the debrief
sleep 1
kill "$game" 2>/dev/null || true
wait "$game" 2>/dev/null || true
if grep -q panicked "$log"; then cat "$log"; echo "the game panicked" >&2; exit 1; fi
grep -q "the group's agreement: Some" "$log" || { cat "$log"; echo "no agreement kept" >&2; exit 1; }
cat "$work"/results/session-*/session.csv
