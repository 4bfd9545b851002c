#!/usr/bin/env bash
# Regenerates docs/screenshots/ with the game's own --screenshot flag, under Xvfb with Mesa's
# software Vulkan (apt-get install xvfb mesa-vulkan-drivers). Takes about ten minutes.
#   scripts/screenshots.sh [path/to/tutti]
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-target/release/tutti}
example=levels/00-mandag-i-kundeservice.da.ron
out=docs/screenshots
mkdir -p "$out"
log=$(mktemp)

run() { # size config-dir args...
    local size=$1 cfg=$2
    shift 2
    TUTTI_CONFIG_DIR=$cfg xvfb-run -a -s "-screen 0 ${size}x24" "$bin" play "$@" --window "$size" >"$log" 2>&1 || true
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
        # Autoplay: a drop at about 27 s of song time (seed 2026), the pause overlay, then
        # the whole piece to its debrief.
        run "$size" "$cfg" "$example" --autoplay --screenshot 28.3:"$out/play-$s.png" \
            --press 28.8:Escape --screenshot 30:"$out/pause-$s.png" --press 30.5:Escape \
            --screenshot 150:"$out/debrief-$s.png" --exit-after 151
        echo "$s done"
    done
    rm -rf "$cfg"
done
ls -la "$out"
