#!/usr/bin/env bash
# From a fresh start (an empty config folder), Enter three times — Play, Start in the lobby, Start
# on the briefing — must reach chapter 1's count-in within 15 s of launching, the player seated, on
# a Danish and on an English system. Real key events (xdotool) under Xvfb with Mesa's software
# Vulkan (apt-get install xvfb mesa-vulkan-drivers xdotool imagemagick). Also takes the title and
# Level select in each language: docs/screenshots/home-{title,levels}-{da,en}.png.
#   scripts/enter-three-times.sh [path/to/tutti]
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-target/debug/tutti}
out=docs/screenshots
mkdir -p "$out"
fail=0
for lang in da_DK.UTF-8 en_US.UTF-8; do
    short=${lang:0:2}
    work=$(mktemp -d)
    log="$work/log"
    display=:$((80 + RANDOM % 9))
    Xvfb "$display" -screen 0 1280x720x24 >/dev/null 2>&1 &
    xvfb=$!
    export DISPLAY=$display
    sleep 1
    start=$(date +%s.%N)
    LANG=$lang LC_ALL= LC_MESSAGES= TUTTI_CONFIG_DIR="$work/config" TUTTI_RESULTS_DIR="$work/results" \
        "$bin" >"$log" 2>&1 &
    game=$!
    win=""
    for _ in $(seq 1 60); do
        win=$(xdotool search --name Tutti 2>/dev/null | head -1 || true)
        [ -n "$win" ] && break
        sleep 0.25
    done
    [ -n "$win" ] || { cat "$log"; echo "no window" >&2; exit 1; }
    for _ in $(seq 1 40); do grep -q "screen: start -> Title" "$log" && break; sleep 0.25; done
    sleep 1.5
    import -window root "$out/home-title-$short.png"
    for _ in 1 2 3; do
        xdotool windowfocus --sync "$win" key Return
        sleep 0.5
    done
    reached=""
    for _ in $(seq 1 40); do
        if grep -q "screen: Briefing -> CountIn" "$log"; then reached=$(date +%s.%N); break; fi
        sleep 0.25
    done
    secs=999
    [ -n "$reached" ] && secs=$(echo "$reached - $start" | bc)
    seats=$(grep -o "lobby: seats .*" "$log" | head -1 || true)
    level=$(grep -o "lobby: level .*" "$log" | head -1 || true)
    echo "$lang: count-in after ${secs} s; $level; $seats"
    grep -o "screen: .*" "$log" | head -6 | sed 's/^/    /'
    if [ -z "$reached" ] || [ "$(echo "$secs > 15" | bc)" = 1 ]; then
        echo "  FAILED: no count-in within 15 s" >&2; fail=1
    fi
    [ "$seats" = "lobby: seats service=person" ] || { echo "  FAILED: not seated" >&2; fail=1; }
    [ "$level" = "lobby: level 01-own-part.$short.ron" ] || { echo "  FAILED: not chapter 1 in $short" >&2; fail=1; }
    # Level select: Esc (pause), F10 twice (leave to the levels).
    xdotool windowfocus --sync "$win" key Escape; sleep 0.5
    xdotool windowfocus --sync "$win" key F10; sleep 0.4
    xdotool windowfocus --sync "$win" key F10; sleep 1.5
    import -window root "$out/home-levels-$short.png"
    kill "$game" 2>/dev/null || true
    wait "$game" 2>/dev/null || true
    if grep -q panicked "$log"; then cat "$log"; echo "the game panicked" >&2; fail=1; fi
    kill "$xvfb" 2>/dev/null || true
    rm -rf "$work"
done
exit $fail
