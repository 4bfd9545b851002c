# Tutti — English UI texts.
title-tagline = Every department a musician. Every customer request a phrase.
title-session = Session running since { $since } UTC: { $rounds ->
    [one] 1 round
   *[other] { $rounds } rounds
}. “New session” starts a new one; earlier rounds stay saved.
title-no-audio = No audio device was found: Tutti plays silently.
menu-play = Play
menu-new-session = New session
menu-settings = Settings
menu-quit = Quit
title-keys = ↑ ↓ and Enter, or the mouse · F11 fullscreen · Esc back
levels-heading = Choose a level
levels-hint = Enter or click to choose · ★ best audience score · drop a scenario file on the window to open it · Esc back
levels-replays = Replays (newest first)
round-n = round { $n }
seed-n = situation { $seed }
seat-you = you
seat-colleague = colleague (computer)
lobby-hint = Press your department's key (or a gamepad's A button) to take a seat, again to leave it. Enter starts.
lobby-remap-now = Press the new key for { $dept } (Esc cancels)
lobby-continue = Continue to the briefing
lobby-tempo = Tempo: { $pct } %
lobby-difficulty = Difficulty
difficulty-relaxed = Relaxed
difficulty-normal = Normal
difficulty-strict = Strict
briefing-rules = Press your key when your note reaches the line. Pass the case on. Notes between the staves belong to nobody: take them, or the customer never hears back.
briefing-start = Start
stage-computer = computer
stage-count-in = Count-in: { $n }
stage-bar = Bar { $bar } · beat { $beat } · tempo { $tempo } %
instrument-violin = violin
instrument-cello = cello
instrument-flute = flute
instrument-clarinet = clarinet
instrument-horn = horn
instrument-piano = piano
instrument-marimba = marimba
instrument-timpani = timpani
judge-perfect = Perfect
judge-good = Good
judge-ok = Ok
judge-early = early
judge-late = late
judge-claimed = Claimed
judge-rescued = Rescued
caption-claimed = ♪ { $dept } took the note between the chairs
caption-rescued = ♪ { $dept } picked up a dropped note
caption-discord = ♪ discord — a note fell to the floor
caption-harmony = ♪ chord — the customer got the answer, in harmony
caption-reply = ♪ chord — the customer got the answer
caption-unanswered = ☎ the phone rings — solved, but never answered
caption-lost = ☎ the phone rings — a customer gave up
caption-double = ♪ clash — { $dept } did work already done
caption-walkout = the audience walked out
pause-heading = Paused
figures-unanswered = Solved but never answered: { $n }
figures-line = Cases { $total } · answered { $completed } · lost { $lost } · double work { $double } · rescues { $rescues }
figures-audience = Audience { $now } (lowest { $min })
debrief-heading = Debrief
table-department = department
table-drops = drops
table-claims = claims
table-rescues = rescues
debrief-again = Same situation again
debrief-again-new-seed = A new situation
debrief-compare = Compare rounds
debrief-agreement = The group's agreement
agreement-none = No agreement yet: when you have talked it over, write the group's agreement for the next round (“The group's agreement”).
agreement-now = The group's agreement for the next round: “{ $agreement }”
agreement-editing = “{ $text }”
agreement-typing = Type the group's agreement · Enter keeps it · Esc cancels · Ctrl+V pastes · { $left } characters left
round-not-kept = This round could not be kept on disk ({ $error }); it stays in the session while the game runs. Press E to try again.
briefing-agreement = The group's agreement: “{ $agreement }”
stage-agreement = The group's agreement: “{ $agreement }”
stage-replay = ▶ Replay
stage-replay-round = ▶ Replay of round { $n }
stage-person = a player
briefing-replay = ▶ A replay: the round plays as it went, with the players' presses; keyboard and gamepads are off. Esc pauses, F9 skips to its debrief.
debrief-levels = Back to the levels
debrief-curve = The audience over time
debrief-timeline = Every case from arrival to answer (green) or loss (red); red: a note on the floor; ☎ solved but never answered
debrief-more-cases = … and { $n } more cases
settings-heading = Settings
settings-language = Language
settings-theme = Theme
settings-theme-stage = Stage (dark)
settings-theme-projector = Projector (light)
settings-reduced-motion = Reduced motion
settings-fullscreen = Fullscreen (F11)
settings-on = on
settings-off = off
settings-volume = Master volume: { $pct } %
settings-calibrate = Audio offset: { $ms } ms (calibrate)
calibration-heading = Calibrate the audio offset
calibration-hint = Tap Space each time the circle lights up (and you hear the beat). Esc goes back.
calibration-count = Taps: { $n } of { $total }
calibration-done = Done: your offset is { $ms } ms, saved. Esc goes back.
settings-back = Back
debrief-export = Export results (E)
export-done = Saved to { $dir }: cases.csv, departments.csv, debrief.png, round.replay, and session.csv in the session's folder
export-failed = Nothing was saved — { $error }. The debrief is still here: fix the folder and press E again.
seat-pad = gamepad { $n }
pad-unplugged = Gamepad { $n } was unplugged: { $dept } is played by a colleague until it is back. Plug it in again to take the seat back.
pad-back = Gamepad { $n } is back and plays { $dept } again.
problem-kept = ⚠ The newest version of { $file } has errors; the last good version is still the one you play:
problem-broken = ⚠ { $file } cannot be played until these errors are fixed (save the file and it reloads):
lobby-practice-off = Practice loop: off (whole piece) — F4
lobby-practice-bars = Practice loop: bars { $from }–{ $to } — F4
lobby-loop-length = Loop length: { $n } bars — F5
stage-loop = loop bars { $from }–{ $to } · pass { $round }
best-score = Best audience score: { $score }
best-new = New best audience score for this level!
settings-music-volume = Music (orchestra, pulse, chords): { $pct } %
settings-effects-volume = Effects (discord, applause, crowd): { $pct } %
title-audio-lost = The audio device stopped: Tutti plays on silently, and the sound comes back with the device.
briefing-facilitator = Facilitator: { $keys }
help-department-key = Your department's key plays your note when it reaches the line, or takes a note between the chairs that is yours to take.
pause-heading-focus = Paused: the window lost focus
confirm-restart = Restart? Press { $keys } again, or hold it (or click again).
confirm-skip = Skip to the debrief? Press { $keys } again, or hold it (or click again).
confirm-leave = Leave for the levels? Press { $keys } again, or hold it (or click again).
settings-pause-on-focus = Pause when the window loses focus
control-menu-move = move
control-menu-choose = choose
control-back = back
control-fullscreen = fullscreen
control-pad-play = play (a seated gamepad)
control-pad-seat = take or leave a seat (gamepad)
control-tempo-down = slower
control-tempo-up = faster
control-difficulty = difficulty
control-remap = change the selected seat's key
control-practice-loop = practice loop
control-loop-length = loop length
control-pause = pause
control-resume = resume
control-help = help
control-restart = restart
control-skip = skip to the debrief
control-leave = back to the levels
control-export = export the results
control-tap = tap along
control-twice = twice, or hold
stage-anyone = anyone may take it
debrief-between = Between the chairs
between-row = ☎ { $case } (bar { $bar }): “{ $step }” lay between { $a } and { $b } for { $bars } { $bars ->
        [one] bar
       *[other] bars
    }.
between-row-anyone = ☎ { $case } (bar { $bar }): “{ $step }” was anyone's to take and lay there { $bars } { $bars ->
        [one] bar
       *[other] bars
    }.
between-row-owner = ☎ { $case } (bar { $bar }): { $owner }'s “{ $step }” fell to the floor and lay there { $bars } { $bars ->
        [one] bar
       *[other] bars
    }; { $others } could have picked it up.
between-unanswered = Solved, but never answered.
between-seats = — In those chairs: { $seats }
between-more = … and { $n } more (all of them in the export)
between-none = No customer was left without an answer.
between-closest-rescued = Closest call: { $case } (bar { $bar }), whose “{ $step }” lay { $bars } { $bars ->
        [one] bar
       *[other] bars
    } before { $dept } picked it up.
between-closest-waited = Closest call: { $case } (bar { $bar }), answered after { $bars } { $bars ->
        [one] bar
       *[other] bars
    }.
table-taken = taken
table-missed = missed
table-strays = strays
table-double = double
table-hits = Perfect { $perfect } · Good { $good } · Ok { $ok }
debrief-legend = Who played each step:
between-waiting = Nobody was lost yet, but { $n } { $n ->
        [one] customer was
       *[other] customers were
    } still waiting for an answer when the piece stopped.
between-everyone-else = everyone else: computer
# Compare rounds: the rounds of a level in this session side by side.
compare-heading = Compare rounds · { $title }
compare-last-rounds = the last { $shown } of { $total } rounds
compare-round = Round { $n }
compare-seed = situation { $seed }
compare-seats = { $n } of { $total } seated
compare-seats-none = computer only
compare-agreement = “{ $text }”
compare-stopped = stopped early
compare-unanswered = Solved but never answered
compare-lost = Lost
compare-answered = Answered
compare-double-work = Double work
compare-strays = Strays
compare-rescues = Rescues
compare-chances = Chances taken
compare-audience-final = Audience, final
compare-audience-lowest = Audience, lowest
compare-curve = The audience over time (0–100), one line per round:
compare-bars = bar
compare-back = Back to the debrief (Esc)
