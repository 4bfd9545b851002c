#!/usr/bin/env bash
# The debrief of chapter 7, "The whole case", played alone by a player who owns the whole case:
# the `attentive` seat strategy plays Customer service headless (`simulate --seat … --replay-out`)
# and the game plays that round back in a window under Xvfb to its debrief, which shows the goals
# (✓/✗), the player's share of the result and the reflection question. A whole piece, so its goals
# are judged. Writes docs/screenshots/home-debrief-{en,da}.png (about 100 s each).
#   scripts/home-debrief-screenshot.sh [path/to/tutti]
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-target/debug/tutti}
out=docs/screenshots
mkdir -p "$out"
for short in en da; do
    work=$(mktemp -d)
    "$bin" simulate "levels/07-the-whole-case.$short.ron" --seat service=attentive \
        --replay-out "$work/round.replay" >/dev/null
    lang=en_US.UTF-8
    [ "$short" = da ] && lang=da_DK.UTF-8
    LANG=$lang TUTTI_SOUNDFONT= TUTTI_CONFIG_DIR="$work/config" TUTTI_RESULTS_DIR="$work/results" \
        xvfb-run -a -s "-screen 0 1280x720x24" "$bin" replay "$work/round.replay" \
        --window 1280x720 --press 1.5:Enter --press 3:Enter \
        --screenshot 100:"$out/home-debrief-$short.png" --exit-after 101 >"$work/log" 2>&1 || true
    if grep -q panicked "$work/log" || ! grep -q -- "-> Debrief" "$work/log"; then
        cat "$work/log"
        echo "no debrief" >&2
        exit 1
    fi
    echo "$out/home-debrief-$short.png"
    rm -rf "$work"
done
