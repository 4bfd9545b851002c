#!/usr/bin/env bash
# Regenerates docs/screenshots/ with the game's own --screenshot flag, under Xvfb with Mesa's
# software Vulkan (apt-get install xvfb mesa-vulkan-drivers). Takes about ten minutes.
#   scripts/screenshots.sh [path/to/tutti]
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-target/release/tutti}
example=levels/00-mandag-i-kundeservice.da.ron
level4=levels/04-the-call-nobody-makes.en.ron
out=docs/screenshots
mkdir -p "$out"
log=$(mktemp)
results=$(mktemp -d) # the rounds these runs play stay out of your own results folder

run() { # size config-dir args...
    local size=$1 cfg=$2
    shift 2
    TUTTI_CONFIG_DIR=$cfg TUTTI_RESULTS_DIR=$results xvfb-run -a -s "-screen 0 ${size}x24" "$bin" play "$@" --window "$size" >"$log" 2>&1 || true
    if grep -q panicked "$log"; then
        cat "$log"
        echo "the game panicked" >&2
        exit 1
    fi
}

for theme in Stage Projector; do
    cfg=$(mktemp -d)
    echo "Settings(theme: $theme)" >"$cfg/settings.ron"
    t=$(echo "$theme" | tr '[:upper:]' '[:lower:]')
    for size in 1280x720 1920x1080; do
        s="$t-$size"
        # Lobby → Esc → level select → Esc → title.
        run "$size" "$cfg" "$example" --press 1.5:Escape --screenshot 3:"$out/levels-$s.png" \
            --press 3.5:Escape --screenshot 5:"$out/title-$s.png" --exit-after 6
        # Level 4 by the colleagues alone: at 20 s "Call the customer back" between IT and
        # Customer service reaches the line (its bracket, both chairs lit), the pause overlay,
        # then the whole piece to its debrief with the calls that fell between the chairs.
        run "$size" "$cfg" "$level4" --autoplay --screenshot 20:"$out/play-$s.png" \
            --press 20.5:Escape --screenshot 22:"$out/pause-$s.png" --press 22.5:Escape \
            --screenshot 110:"$out/debrief-$s.png" --exit-after 111
        # Level 3 at bar 12: IT busy, turned to its grey score; customers waiting and applauding.
        run "$size" "$cfg" levels/03-busy-colleague.en.ron --autoplay \
            --screenshot 33:"$out/play-busy-$s.png" --exit-after 34
        # The 16-department stress piece, to see that sixteen chairs stay readable.
        run "$size" "$cfg" benches/data/stress-16x2000.ron --autoplay \
            --screenshot 25:"$out/play-16-$s.png" --exit-after 26
        echo "$s done"
    done
    rm -rf "$cfg"
done
# The lobby with phones on: the card with the QR code, the address and the room code, and the
# 16-department piece's seats in two columns beside it.
cfg=$(mktemp -d)
run 1280x720 "$cfg" levels/03-busy-colleague.en.ron --phones 0 --screenshot 3:"$out/lobby-phones.png" --exit-after 4
run 1280x720 "$cfg" benches/data/stress-16x2000.ron --phones 0 --screenshot 3:"$out/lobby-16-phones.png" --exit-after 4
rm -rf "$cfg"
ls -la "$out"
