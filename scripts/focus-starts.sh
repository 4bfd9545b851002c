#!/usr/bin/env bash
# Starts the game again and again under Xvfb (no window manager, as in the bug report) and checks
# from its screen log that no start pauses by itself: 20 autoplay starts of level 01, 10 starts of
# the 16-department stress piece at 1920×1080, and 5 starts with a person seated.
# Needs xvfb and mesa-vulkan-drivers.   scripts/focus-starts.sh [path/to/tutti]
set -uo pipefail
cd "$(dirname "$0")/.."
bin=${1:-target/debug/tutti}
log=$(mktemp)
results=$(mktemp -d) # the rounds these runs play stay out of your own results folder
cfg=$(mktemp -d)
paused=0
starts=0

start() { # size args...
    local size=$1
    shift
    TUTTI_CONFIG_DIR=$cfg TUTTI_RESULTS_DIR=$results xvfb-run -a -s "-screen 0 ${size}x24" "$bin" play "$@" --window "$size" >"$log" 2>&1
    starts=$((starts + 1))
    if grep -q panicked "$log"; then
        cat "$log"
        echo "start $starts: the game panicked" >&2
        exit 1
    fi
    if ! grep -q "screen: CountIn -> Playing" "$log"; then
        echo "start $starts: the piece never began playing" >&2
        grep "screen:" "$log" >&2
        exit 1
    fi
    if grep -q -- "-> Paused" "$log"; then
        paused=$((paused + 1))
        echo "start $starts paused by itself:" >&2
        grep "screen:" "$log" >&2
    fi
}

for _ in $(seq 20); do
    start 1280x720 levels/01-own-part.en.ron --autoplay --exit-after 7
done
for _ in $(seq 10); do
    start 1920x1080 benches/data/stress-16x2000.ron --autoplay --exit-after 7
done
for _ in $(seq 5); do
    start 1280x720 levels/01-own-part.en.ron --press 1:A --press 1.3:Enter --press 1.6:Enter --exit-after 8
done
rm -rf "$cfg" "$log"
echo "$starts starts, $paused paused by themselves"
[ "$paused" -eq 0 ]
