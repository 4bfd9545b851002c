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
seat-colleague-short = colleague
lobby-hint = Press your department's key (or a gamepad's A button) to take a seat, again to leave it. Enter starts.
lobby-remap-now = Press the new key for { $dept } (Esc cancels)
lobby-continue = Continue to the briefing
lobby-tempo = Tempo: { $pct } %
lobby-difficulty = Difficulty
difficulty-relaxed = Relaxed
difficulty-normal = Normal
difficulty-strict = Strict
briefing-rules = Press your key when your note reaches the line. Pass the case on. Notes between the staves belong to nobody: take them, or { $the_one } never hears back.
briefing-start = Start
stage-computer = computer
stage-count-in = Count-in: { $n }
stage-orchestra-tuning = Loading the orchestra…
stage-orchestra-late = The orchestra was not ready in time: this piece plays on the built-in synthesis.
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
judge-too-early = Too early
caption-claimed = ♪ { $dept } took the note between the chairs
caption-rescued = ♪ { $dept } picked up a dropped note
caption-discord = ♪ discord — a note fell to the floor
caption-too-early = ♪ { $dept } pressed too early — the note is missed
caption-harmony = ♪ chord — { $the_one } got { $answer }, in harmony
caption-reply = ♪ chord — { $the_one } got { $answer }
caption-unanswered = ☎ the phone rings — solved, but never answered
caption-lost = ☎ the phone rings — { $the_one } gave up
caption-double = ♪ clash — { $dept } did work already done
caption-walkout = { $audience } walked out
pause-heading = Paused
figures-unanswered = Solved but never answered: { $n }
figures-line = Cases { $total } · answered { $completed } · lost { $lost } · double work { $double } · rescues { $rescues }
figures-audience = { $Audience } { $now } (lowest { $min })
debrief-heading = Debrief
table-department = department
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
debrief-curve = { $Audience } over time
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
export-done = Saved to { $dir }: cases.csv, departments.csv, about.csv, results.xlsx, debrief.png, round.replay, and session.csv in the session's folder
export-failed = Nothing was saved — { $error }. The debrief is still here: fix the folder and press E again.
seat-pad = gamepad { $n }
seat-phone = phone · { $name }
phones-off = Phones: off
phones-on = Phones: on
phones-joining-open = Phones may join: yes
phones-joining-closed = Phones may join: no (closed)
phones-none = No phone has joined yet.
phones-join = Scan the code or open
phones-room-label = Room code
phones-in-audience = In the audience: { $names }
phones-away-list = Away (the colleague plays): { $names }
phones-start-failed = Phones could not start: { $error }
phones-port-taken = Port { $port } is taken (another program or Tutti listens there): phones stay off.
phones-port-moved = Port { $port } was taken: the phones use port { $other }.
audience-phone-waiting = A new piece: waiting for your { $one }…
audience-phone-case = Your { $one }: { $case } ({ $one } { $n }) is waiting.
audience-phone-with = { $case }: now with { $dept }.
audience-phone-between = { $case }: between the chairs. Who takes it?
audience-phone-dropped = { $case }: dropped! It comes back in a bar.
audience-phone-answered = { $case }: answered. Your { $one } is happy.
audience-phone-lost = { $case }: lost. Your { $one } gave up, angry.
phone-away = The phone of { $name } is away: a colleague plays { $dept } until it is back.
phone-late-network = { $n ->
        [one] 1 phone tap
       *[other] { $n } phone taps
    } came late over the network (not counted).
vote-ask = Who should have given { $the_one } { $answer }?
vote-question = Who should have given { $the_one } { $answer }? “{ $call }” ({ $case })
vote-nobody = Nobody's job
vote-total = { $n ->
        [0] no votes yet: vote on your phone
        [one] 1 vote
       *[other] { $n } votes
    }
phones-network = Network: { $ip } (click for another)
seat-phone-away = phone · { $name } (away: the colleague plays)
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
title-sound-synthesis = Sound: built-in synthesis
title-sound-font = Sound: SoundFont { $name }
title-sound-loading = Sound: loading the orchestra… (the SoundFont { $name })
title-sound-failed = Sound: built-in synthesis, because { $why }
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
between-row-owner = ☎ { $case } (bar { $bar }): { $owners } “{ $step }” fell to the floor and lay there { $bars } { $bars ->
        [one] bar
       *[other] bars
    }; { $others } could have picked it up.
between-unanswered = Solved, but never answered.
between-seats = — In those chairs: { $seats }
between-more = … and { $n } more (all of them in the export)
between-none = Every { $one } got { $answer }.
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
        [one] { $one } was
       *[other] { $many } were
    } still waiting for { $answer } when the piece stopped.
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

# results.xlsx: sheets, columns and what each column means.
xlsx-sheet-cases = Cases
xlsx-sheet-departments = Departments
xlsx-sheet-audience = Audience
xlsx-sheet-columns = Columns
xlsx-chart-departments = What each department did
xlsx-chart-audience = The audience over the bars
xlsx-yes = yes
xlsx-no = no
xlsx-outcome-completed = answered
xlsx-outcome-lost = lost
xlsx-outcome-open = still open
xlsx-col-column = Column
xlsx-col-meaning = What it means
xlsx-col-bar = Bar
xlsx-col-audience = Audience (0–100)
xlsx-col-id = Case no.
xlsx-help-id = The case's number, in the order { $the_many } arrived (from 1).
xlsx-col-case_name = Case
xlsx-help-case_name = The kind of request, as the scenario names it.
xlsx-col-arrival_bar = Arrived in bar
xlsx-help-arrival_bar = The bar { $the_one } arrived in.
xlsx-col-outcome = Outcome
xlsx-help-outcome = answered, lost ({ $the_one } gave up), or still open when the piece stopped.
xlsx-col-solved_but_unanswered = Solved but never answered
xlsx-help-solved_but_unanswered = yes when every step was done but the last, { $answer } to { $the_one }: the case fell between the chairs at the very end.
xlsx-col-steps = Steps
xlsx-help-steps = How many notes the case's phrase has.
xlsx-col-steps_played = Steps played
xlsx-help-steps_played = How many of them were played (rescues included).
xlsx-col-drops = Dropped
xlsx-help-drops = Notes that fell to the floor: their window passed and nobody played them.
xlsx-col-rescues = Rescues
xlsx-help-rescues = Dropped notes somebody picked up again.
xlsx-col-bars_waited = Bars waited too long
xlsx-help-bars_waited = Bars in which { $the_one } had waited longer than their patience and { $audience } lost a little each bar.
xlsx-col-answered_by_name = Answered by
xlsx-help-answered_by_name = The department that played the last note, { $answer } to { $the_one }; empty if nobody did.
xlsx-col-missing_step = Step never played
xlsx-help-missing_step = For a lost case: the step nobody played.
xlsx-col-fell_between_names = Fell between
xlsx-help-fell_between_names = For a lost case: the chairs that step lay between (two departments, one department's own dropped note, or anyone).
xlsx-col-bars_lying = Bars lying
xlsx-help-bars_lying = For a lost case: whole bars from when the step was due until { $the_one } gave up.
xlsx-col-name = Department
xlsx-help-name = The department, as the scenario names it.
xlsx-col-perfect = Perfect
xlsx-help-perfect = Notes played right on the beat.
xlsx-col-good = Good
xlsx-help-good = Notes played a little off the beat.
xlsx-col-ok = Ok
xlsx-help-ok = Notes played just within the window.
xlsx-col-notes_played = Notes played
xlsx-help-notes_played = Perfect + good + ok.
xlsx-col-gap_notes_claimed = Notes between the chairs taken
xlsx-help-gap_notes_claimed = Notes between two chairs this department took.
xlsx-col-strays = Strays
xlsx-help-strays = Presses that played nothing: a muted wrong note, and a small cost to { $audience }.
xlsx-col-double_work = Double work
xlsx-help-double_work = Notes it played that someone else had already taken.
xlsx-col-share_of_notes = Share of the notes
xlsx-help-share_of_notes = Its part of all the notes played (0–1).
xlsx-col-chances = Chances
xlsx-help-chances = Every time a note between the chairs or a dropped note came by that this department could have taken.
xlsx-col-chances_taken = Chances taken
xlsx-help-chances_taken = Those it took.
xlsx-sheet-about = About
xlsx-col-field = Field
xlsx-col-value = Value
xlsx-col-scenario_title = Scenario
xlsx-help-scenario_title = The scenario's title, as the game shows it.
xlsx-col-scenario_file = File
xlsx-help-scenario_file = The scenario's file name.
xlsx-col-seed = Situation (seed)
xlsx-help-seed = The number the customers' arrivals were drawn from: the same file, situation and seats bring the same customers again.
xlsx-col-seats = Seats
xlsx-help-seats = Who played each department (department id=who): a key or a gamepad (a person), a phone by its name, the colleague (the computer), or a strategy of tutti simulate --seat.
xlsx-col-tempo_pct = Tempo (%)
xlsx-help-tempo_pct = The tempo at the start, in per cent of the scenario's.
xlsx-col-difficulty = Difficulty
xlsx-help-difficulty = relaxed, normal or strict: how wide the timing windows were.
xlsx-col-tutti_version = Tutti version
xlsx-help-tutti_version = The version of Tutti that wrote this file.

## Home practice: the path through the campaign, goals, a player's own share
settings-language-automatic = Automatic
menu-levels = Levels
title-play-chapter = Play · chapter { $n }: { $title }
levels-chapters = The chapters
levels-own = Your own levels
levels-goals = Goals
levels-show-other = Show the Danish versions too
levels-hide-other = Hide the Danish versions
goal-no-unanswered = No case solved but never answered
goal-none-lost = No case lost
goal-audience-above = Audience above { $n } at the end
goal-takes = Take { $n ->
        [one] 1 call
       *[other] { $n } calls
    } between the chairs
goal-rescues = Pick up { $n ->
        [one] 1 loose note
       *[other] { $n } loose notes
    }
goal-strays-at-most = At most { $n ->
        [one] 1 stray press
       *[other] { $n } stray presses
    }
goal-double-work-at-most = At most { $n ->
        [one] 1 note
       *[other] { $n } notes
    } played twice
debrief-goals = Goals:
debrief-goals-unjudged = The goals are judged when the whole piece is played to its end.
share-heading = Your part of the shared result ({ $dept }):
share-own = You played { $played } of your { $notes } own notes in time.
share-calls = { $calls ->
        [one] 1 call between the chairs was
       *[other] { $calls } calls between the chairs were
    } yours to make; you made { $made }{ $others ->
        [0] .
       *[other] , colleagues { $others }.
    }
share-loose = { $loose ->
        [one] 1 loose note lay
       *[other] { $loose } loose notes lay
    } by your chair; you picked up { $picked }.
share-lost = { $lost ->
        [one] 1 { $one } gave
       *[other] { $lost } { $many } gave
    } up at a note you could have taken; { $unanswered } of them solved but never answered.
share-none-lost = No { $one } gave up at a note you could have taken.
debrief-reflection = Think about: { $q }

## Why the audience walked out (the debrief, `tutti simulate`, session.csv): the causes, biggest
## cost first, joined by "; ". $cost is in points as the meter lost them.
walkout-why = { $Audience } walked out in bar { $bar }: { $causes }.
walkout-why-none = { $Audience } walked out in bar { $bar }.
walkout-stray = { $n ->
        [one] 1 press that played nothing
       *[other] { $n } presses that played nothing
    } cost { $cost }
walkout-discord = { $n ->
        [one] 1 dropped note
       *[other] { $n } dropped notes
    } cost { $cost }
walkout-discord-early = { $n ->
        [one] 1 dropped note
       *[other] { $n } dropped notes
    } cost { $cost } ({ $early } of them missed by pressing too early)
walkout-discord-all-early = { $n ->
        [one] 1 dropped note cost { $cost } (missed
       *[other] { $n } dropped notes cost { $cost } (all missed
    } by pressing too early)
walkout-lost = { $n ->
        [one] 1 { $one } who gave up
       *[other] { $n } { $many } who gave up
    } cost { $cost }
walkout-waiting = { $n ->
        [one] 1 { $one } who waited too long
       *[other] { $n } { $many } who waited too long
    } cost { $cost }
walkout-double-work = { $n ->
        [one] 1 note played twice
       *[other] { $n } notes played twice
    } cost { $cost }
walkout-other = other things cost { $cost }

## `tutti simulate`'s tables, in the scenario's language and words. Column names are short.
sim-title = { $title } (seed { $seed })
sim-unanswered-line = solved but never answered: { $n }
sim-counts = cases: { $total }   answered: { $completed }   lost: { $lost }   double work: { $double }   rescues: { $rescues }   strays: { $strays }
sim-audience-line = { $audience }: final { $final }, lowest { $min }
sim-chairs = between the chairs: { $case } (bar { $bar }): “{ $step }” lay at { $chairs } for { $bars } bars
sim-chairs-unanswered = ; solved but never answered
sim-closest = nothing fell between the chairs; closest: { $case } (bar { $bar }): { $how }
sim-closest-answered = answered after { $bars } bars
sim-closest-rescued = “{ $step }” lay at { $chairs } for { $bars } bars before it was picked up
sim-col-department = department
sim-col-perfect = perfect
sim-col-good = good
sim-col-ok = ok
sim-col-drops = drops
sim-col-claims = claims
sim-col-rescues = rescues
sim-col-strays = strays
sim-col-double = double
sim-col-chances = chances
sim-runs-title = { $title }: { $runs } runs, { $seeds }
sim-seed-one = seed { $seed }
sim-seed-range = seeds { $from }–{ $to }
sim-col-mean = mean
sim-col-lowest = lowest
sim-col-highest = highest
sim-row-unanswered = solved but never answered
sim-row-lost = lost
sim-row-completed = answered
sim-row-double = double work
sim-row-rescues = rescues
sim-row-strays = strays
sim-row-final = { $audience }, final
sim-row-lowest = { $audience }, lowest
sim-walked-out = { $audience } walked out in { $walked } of { $runs } runs
sim-col-case-type = case type
sim-col-many = { $many }
sim-col-answered = answered
sim-col-lost = lost
sim-col-unanswered-long = solved but never answered
sim-sweep-title = { $title }: { $runs } runs for each of { $settings } settings (means)
sim-col-unanswered = unanswered
sim-col-audience = audience
sim-col-walk-outs = walk-outs
sim-rooms-title = { $title }: { $runs } runs per room, { $seeds }, { $seated }
sim-rooms-everyone = every department seated
sim-rooms-seated = seated: { $ids } (the rest played by their colleagues)
sim-col-room = room
sim-col-cases = cases
sim-col-in-bar = in bar
sim-rooms-footer = means per run; unanswered: solved but never answered; walk-outs: runs in which { $audience } walked out, and the mean bar they walked out in

## A step without a label, as "Between the chairs" and the tables name it (from 1).
step-unnamed = step { $n }

## A game playing as a table of a room (`tutti play --join URL --name NAME`): its line to the
## host, in a corner of every screen. $name is the table's name, $host the host's address.
table-joining = Joining the host at { $host }…
table-in = Host: in the room · { $name }
table-away = Host away — playing on · { $name }
table-over = The event is over · { $name }
table-refused = The host refused this table: { $why }
table-refused-room-code = the room code is another; check the code on the host's screen
table-refused-version = the host runs Tutti { $host_version } and this is Tutti { $version }; every table must run the host's version
table-refused-name-taken = a table of that name is in the room already; choose another name
table-refused-full = the room has as many tables as it takes
table-refused-hello = the table did not say hello
table-bad-scenario = The host's scenario does not load: { $error }
table-no-line = No line to the host: { $error }

## The host's wall: a room of many tables (docs/tables.md).
menu-host = Host a room of tables
host-join = Tables join at
host-room-code = Room code
host-tables = { $n ->
    [one] 1 table
   *[other] { $n } tables
}
host-no-tables = No table has joined yet: each table joins at the address here, with the room code.
host-round-none = No round yet
host-round = Round { $n }
host-state-playing = playing
host-state-paused = PAUSED
host-state-reported = { $done } of { $all } tables have reported
host-tempo = tempo { $pct } %
host-seats = { $filled }/{ $all } seats
host-bar = bar { $bar }
host-calls = ✓ { $taken } taken · ✗ { $missed } missed
host-calls-short = ✓{ $taken } ✗{ $missed }
host-away = away
host-ready = ready
host-counting = count-in…
host-done = reported ✓
host-button-start = S · Start round { $n }
host-button-pause = P · Pause all
host-button-resume = P · Go on
host-button-slower = ← · Slower
host-button-faster = → · Faster
host-button-skip = D · Skip to the debrief
host-button-debrief = R · Room's debrief
host-button-tables = R · The tables
host-button-leave = Esc · Leave
host-confirm-start = Round { $n } is still on at { $count } tables: press S again to start round { $next } anyway.
host-confirm-skip = Press D again to end the round at every table now.
host-confirm-leave = Press Esc again to close the room: the tables are told the event is over.
host-need-tables = No table has joined yet: start a round once the tables are in.
host-started = Round { $n } starts at every table on one count-in.
host-saved = Saved in { $path }
host-failed = The room could not open: { $why }
host-debrief-title = The room's debrief · round { $n }
host-debrief-sums = { $tables } tables · mean audience { $audience } · lost { $lost } · answered { $answered }
host-debrief-waiting = Still waiting for { $names }
host-debrief-between = Where cases fell between the chairs, over all tables
host-debrief-between-none = Nothing fell between the chairs.
host-debrief-rounds = Round { $a } against round { $b }
host-debrief-round = Round { $a }
host-col-table = Table
host-col-lost-answered = final audience · lost / answered
host-debrief-agreements = The tables' agreements
host-debrief-agreements-none = No table has written an agreement yet.
host-debrief-vote = The phones' vote: who should have made { $call }?
host-debrief-vote-none = No phones voted this round.
host-more = … and { $n } more

## The room's export (room.xlsx): sheet names and column headers.
room-sheet-room = Room
room-col-table = Table
room-col-round = Round
room-col-seed = Situation (seed)
room-col-total = Customers
room-col-completed = Answered
room-col-lost = Lost
room-col-solved_but_unanswered = Solved but never answered
room-col-double_work = Double work
room-col-rescues = Rescues
room-col-strays = Strays
room-col-audience_final = Final audience
room-col-audience_min = Lowest audience
room-col-walked_out = Walked out
room-col-agreement = Agreement
room-col-tables = Tables
room-col-audience_mean = Mean final audience
room-col-chairs = Fell between
room-col-case = Case
room-col-step = Step
room-col-count = Times

## Join a room from the title: the game as a table of a room (docs/tables.md).
menu-join = Join a room
join-title = Join a room
join-intro = Type what the host's screen shows. The table then waits on the title until the host lets it in.
join-address = The host's address, e.g. 192.168.1.20:7878
join-code = The room code: 4 letters (not needed when the address ends with ?room=…)
join-name = The table's name on the host's wall, e.g. Table 3
join-button = Join
join-back = Back
join-need-address = Type the host's address, as the host's screen shows it.
join-need-code = Type the room code from the host's screen.
join-bad-scheme = The host's address starts with http:// (as on the host's screen), not https://.
join-no-code = The room code is missing: type it from the host's screen.
join-no-port = Type the address as IP:PORT, e.g. 192.168.1.20:7878, as the host's screen shows it.
join-need-name = Give the table a name, e.g. Table 3.
join-keys = ↑ ↓ or Tab: the next field · Enter: join · Ctrl+V: paste · Esc: back
