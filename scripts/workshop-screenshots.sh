#!/usr/bin/env bash
# Regenerates the workshop screenshots in docs/screenshots/ (lobby with three seats, pause,
# debrief after an export, the help overlay, the restart confirmation, an on-screen scenario error) with the game's own flags, under Xvfb
# with Mesa's software Vulkan (apt-get install xvfb mesa-vulkan-drivers). About two minutes.
#   scripts/workshop-screenshots.sh [path/to/tutti]
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-target/debug/tutti}
out=docs/screenshots
mkdir -p "$out"
log=$(mktemp)
results=$(mktemp -d) # the rounds these runs play stay out of your own results folder
cfg=$(mktemp -d)
work=$(mktemp -d)

run() { # args...
    TUTTI_CONFIG_DIR=$cfg TUTTI_RESULTS_DIR=$results xvfb-run -a -s "-screen 0 1280x720x24" "$bin" play "$@" --window 1280x720 >"$log" 2>&1 || true
    if grep -q panicked "$log"; then
        cat "$log"
        echo "the game panicked" >&2
        exit 1
    fi
}

level=levels/03-busy-colleague.en.ron
# Three people take Customer service (A), Finance (S) and Warehouse (F); F4 sets a practice loop.
run "$level" --press 1.5:A --press 1.8:S --press 2.1:F --press 2.4:F4 --press 2.7:F4 \
    --screenshot 4:"$out/lobby-3-seats.png" --exit-after 5
# The same three seats, playing: the pause overlay after IT got busy, then the debrief and E.
run "$level" --press 1.5:A --press 1.8:S --press 2.1:F --press 2.5:Enter --press 3:Enter \
    --press 24:Escape --screenshot 25.5:"$out/pause-seats.png" --press 26:F9 --press 26.4:F9 --press 28:E \
    --screenshot 30:"$out/debrief-export.png" --exit-after 31
# The help overlay (F1) during the piece, and the line asking to confirm a restart (F8 once).
run "$level" --press 1.5:A --press 2:Enter --press 2.5:Enter --press 8:F1 \
    --screenshot 9:"$out/help-overlay.png" --press 9.5:F1 --press 10:F8 \
    --screenshot 10.5:"$out/confirm-restart.png" --exit-after 11
# A facilitator's own scenario, saved with a typo while the lobby shows it: the error on screen,
# the last good version still playable.
cp "$level" "$work/our-monday.ron"
(sleep 4 && sed -i 's/instrument: Cello/instrumnet: Cello/' "$work/our-monday.ron") &
run "$work/our-monday.ron" --screenshot 7:"$out/scenario-error.png" --exit-after 8
wait
rm -rf "$cfg" "$work" "$log"
echo "screenshots in $out"
