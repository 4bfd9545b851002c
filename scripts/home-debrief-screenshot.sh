#!/usr/bin/env bash
# A player alone in chapter 7, "The whole case", with real key events (xdotool) under Xvfb: the
# seat is taken for them, they press A now and then through the whole piece (about 80 s; a piece
# skipped with F9 is not judged against its goals) to the debrief, which shows the goals (✓/✗),
# the player's share of the result and the reflection question.
# Writes docs/screenshots/home-debrief-{en,da}.png.
#   scripts/home-debrief-screenshot.sh [path/to/tutti]
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-target/debug/tutti}
out=docs/screenshots
mkdir -p "$out"
for short in en da; do
    work=$(mktemp -d)
    log="$work/log"
    display=:$((70 + RANDOM % 9))
    Xvfb "$display" -screen 0 1280x720x24 >/dev/null 2>&1 &
    xvfb=$!
    export DISPLAY=$display
    sleep 1
    TUTTI_CONFIG_DIR="$work/config" TUTTI_RESULTS_DIR="$work/results" \
        "$bin" play "levels/07-the-whole-case.$short.ron" --window 1280x720 >"$log" 2>&1 &
    game=$!
    win=""
    for _ in $(seq 1 60); do
        win=$(xdotool search --name Tutti 2>/dev/null | head -1 || true)
        [ -n "$win" ] && break
        sleep 0.5
    done
    [ -n "$win" ] || { cat "$log"; echo "no window" >&2; exit 1; }
    sleep 3
    xdotool windowfocus --sync "$win" key --delay 400 Return Return
    for _ in $(seq 1 100); do
        grep -q -- "-> Debrief" "$log" && break
        xdotool windowfocus --sync "$win" key a
        sleep 1.1
    done
    grep -q -- "-> Debrief" "$log" || { cat "$log"; echo "no debrief" >&2; exit 1; }
    sleep 2.5
    import -window root "$out/home-debrief-$short.png"
    echo "$out/home-debrief-$short.png"
    kill "$game" 2>/dev/null || true
    wait "$game" 2>/dev/null || true
    kill "$xvfb" 2>/dev/null || true
    if grep -q panicked "$log"; then cat "$log"; echo "the game panicked" >&2; exit 1; fi
    rm -rf "$work"
done
