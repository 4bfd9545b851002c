# Tutti — danske tekster.
title-tagline = Hver afdeling en musiker. Hver kundehenvendelse en frase.
title-session = Sessionen har kørt siden { $since } UTC: { $rounds ->
    [one] 1 runde
   *[other] { $rounds } runder
}. »Ny session« starter en ny; de tidligere runder er stadig gemt.
title-no-audio = Der blev ikke fundet nogen lydenhed: Tutti spiller uden lyd.
menu-play = Spil
menu-new-session = Ny session
menu-settings = Indstillinger
menu-quit = Afslut
title-keys = ↑ ↓ og Enter, eller musen · F11 fuld skærm · Esc tilbage
levels-heading = Vælg en bane
levels-hint = Enter eller klik for at vælge · ★ bedste publikumsscore · slip en scenariefil på vinduet for at åbne den · Esc tilbage
levels-replays = Genafspilninger (nyeste først)
round-n = runde { $n }
seed-n = situation { $seed }
seat-you = dig
seat-colleague = kollega (computer)
seat-colleague-short = kollega
lobby-hint = Tryk på din afdelings tast (eller en gamepads A-knap) for at tage en plads, igen for at forlade den. Enter starter.
lobby-remap-now = Tryk på den nye tast for { $dept } (Esc fortryder)
lobby-continue = Videre til briefingen
lobby-tempo = Tempo: { $pct } %
lobby-difficulty = Sværhedsgrad
difficulty-relaxed = Afslappet
difficulty-normal = Normal
difficulty-strict = Streng
briefing-rules = Tryk på din tast, når din node når linjen. Giv sagen videre. Noder mellem nodelinjerne tilhører ingen: tag dem, ellers hører { $the_one } aldrig fra jer.
briefing-start = Start
stage-computer = computer
stage-count-in = Indtælling: { $n }
stage-orchestra-tuning = Orkestret stemmer …
stage-orchestra-late = Orkestret blev ikke klar i tide: dette stykke spilles med den indbyggede syntese.
stage-bar = Takt { $bar } · slag { $beat } · tempo { $tempo } %
instrument-violin = violin
instrument-cello = cello
instrument-flute = fløjte
instrument-clarinet = klarinet
instrument-horn = horn
instrument-piano = klaver
instrument-marimba = marimba
instrument-timpani = pauker
judge-perfect = Perfekt
judge-good = Godt
judge-ok = Ok
judge-early = tidligt
judge-late = sent
judge-claimed = Tog den
judge-rescued = Reddet
judge-too-early = For tidligt
caption-claimed = ♪ { $dept } tog noden mellem stolene
caption-rescued = ♪ { $dept } samlede en løs node op
caption-discord = ♪ disharmoni — en node faldt på gulvet
caption-too-early = ♪ { $dept } trykkede for tidligt — noden faldt på gulvet
caption-harmony = ♪ akkord — { $the_one } fik { $answer }, i harmoni
caption-reply = ♪ akkord — { $the_one } fik { $answer }
caption-unanswered = ☎ telefonen ringer — løst, men aldrig besvaret
caption-lost = ☎ telefonen ringer — { $the_one } gav op
caption-double = ♪ sammenstød — { $dept } lavede arbejde, der allerede var gjort
caption-walkout = { $audience } gik
pause-heading = Pause
figures-unanswered = Løst, men aldrig besvaret: { $n }
figures-line = Sager { $total } · besvaret { $completed } · tabt { $lost } · dobbeltarbejde { $double } · redninger { $rescues }
figures-audience = { $Audience } { $now } (laveste { $min })
debrief-heading = Debriefing
table-department = afdeling
table-rescues = reddet
debrief-again = Samme situation igen
debrief-again-new-seed = En ny situation
debrief-compare = Sammenlign runderne
debrief-agreement = Gruppens aftale
agreement-none = Ingen aftale endnu: når I har talt sammen, så skriv gruppens aftale for næste runde (»Gruppens aftale«).
agreement-now = Gruppens aftale for næste runde: »{ $agreement }«
agreement-editing = »{ $text }«
agreement-typing = Skriv gruppens aftale · Enter gemmer den · Esc fortryder · Ctrl+V sætter ind · { $left } tegn tilbage
round-not-kept = Runden kunne ikke gemmes på disken ({ $error }); den er stadig med i sessionen, så længe spillet kører. Tryk E for at prøve igen.
briefing-agreement = Gruppens aftale: »{ $agreement }«
stage-agreement = Gruppens aftale: »{ $agreement }«
stage-replay = ▶ Genafspilning
stage-replay-round = ▶ Genafspilning af runde { $n }
stage-person = en deltager
briefing-replay = ▶ En genafspilning: runden spilles, som den gik, med deltagernes tryk; tastatur og gamepads er slået fra. Esc sætter på pause, F9 springer til debriefingen.
debrief-levels = Tilbage til banerne
debrief-curve = { $Audience } over tid
debrief-timeline = Hver sag fra ankomst til svar (grøn) eller tab (rød); rød: en node på gulvet; ☎ løst, men aldrig besvaret
debrief-more-cases = … og { $n } sager mere
settings-heading = Indstillinger
settings-language = Sprog
settings-theme = Tema
settings-theme-stage = Scene (mørk)
settings-theme-projector = Projektor (lys)
settings-reduced-motion = Mindre bevægelse
settings-fullscreen = Fuld skærm (F11)
settings-on = til
settings-off = fra
settings-volume = Samlet lydstyrke: { $pct } %
settings-calibrate = Lydforsinkelse: { $ms } ms (kalibrér)
calibration-heading = Kalibrér lydforsinkelsen
calibration-hint = Tryk på mellemrumstasten, hver gang cirklen lyser (og du hører slaget). Esc går tilbage.
calibration-count = Tryk: { $n } af { $total }
calibration-done = Færdig: din forsinkelse er { $ms } ms, gemt. Esc går tilbage.
settings-back = Tilbage
debrief-export = Gem resultater (E)
export-done = Gemt i { $dir }: cases.csv, departments.csv, about.csv, results.xlsx, debrief.png, round.replay og session.csv i sessionens mappe
export-failed = Intet blev gemt — { $error }. Debriefingen er her stadig: ret mappen og tryk E igen.
seat-pad = gamepad { $n }
seat-phone = telefon · { $name }
phones-off = Telefoner: fra
phones-on = Telefoner: til
phones-joining-open = Telefoner kan komme ind: ja
phones-joining-closed = Telefoner kan komme ind: nej (lukket)
phones-none = Ingen telefon er kommet ind endnu.
phones-join = Scan koden eller åbn
phones-room-label = Rumkode
phones-in-audience = I publikum: { $names }
phones-away-list = Væk (kollegaen spiller): { $names }
phones-start-failed = Telefonerne kunne ikke starte: { $error }
phones-port-taken = Port { $port } er optaget (et andet program eller en anden Tutti lytter der): telefonerne er slået fra.
phones-port-moved = Port { $port } var optaget: telefonerne bruger port { $other }.
audience-phone-waiting = Et nyt stykke: venter på { $the_one }, du skal følge …
audience-phone-case = { $The_one }, du følger: { $case } ({ $one } { $n }) venter.
audience-phone-with = { $case }: nu hos { $dept }.
audience-phone-between = { $case }: mellem stolene. Hvem tager den?
audience-phone-dropped = { $case }: en node faldt på gulvet! Den kommer igen om en takt.
audience-phone-answered = { $case }: besvaret. { $The_one } er glad.
audience-phone-lost = { $case }: tabt. { $The_one } gav vredt op.
phone-away = Telefonen fra { $name } er væk: en kollega spiller { $dept }, til den er tilbage.
phone-late-network = { $n } tryk fra telefoner kom for sent over netværket (tæller ikke).
vote-ask = Hvem burde have givet { $the_one } { $answer }?
vote-question = Hvem burde have givet { $the_one } { $answer }? »{ $call }« ({ $case })
vote-nobody = Ingens opgave
vote-total = { $n ->
        [0] ingen stemmer endnu: stem på din telefon
        [one] 1 stemme
       *[other] { $n } stemmer
    }
phones-network = Netværk: { $ip } (klik for et andet)
seat-phone-away = telefon · { $name } (væk: en kollega spiller)
pad-unplugged = Gamepad { $n } blev trukket ud: en kollega spiller { $dept }, til den er tilbage. Sæt den i igen for at tage pladsen tilbage.
pad-back = Gamepad { $n } er tilbage og spiller { $dept } igen.
problem-kept = ⚠ Den nyeste udgave af { $file } har fejl; den sidste gode udgave er stadig den, I spiller:
problem-broken = ⚠ { $file } kan ikke spilles, før disse fejl er rettet (gem filen, så indlæses den igen):
lobby-practice-off = Øvesløjfe: fra (hele stykket) — F4
lobby-practice-bars = Øvesløjfe: takt { $from }–{ $to } — F4
lobby-loop-length = Sløjfens længde: { $n } takter — F5
stage-loop = sløjfe takt { $from }–{ $to } · gennemløb { $round }
best-score = Bedste publikumsscore: { $score }
best-new = Ny bedste publikumsscore på denne bane!
settings-music-volume = Musik (orkester, puls, akkorder): { $pct } %
settings-effects-volume = Effekter (disharmoni, bifald, publikum): { $pct } %
title-audio-lost = Lydenheden holdt op med at virke: Tutti spiller videre uden lyd, og lyden kommer tilbage med enheden.
title-sound-synthesis = Lyd: indbygget syntese
title-sound-font = Lyd: SoundFont { $name }
title-sound-loading = Lyd: orkestret stemmer … (SoundFonten { $name } indlæses)
title-sound-failed = Lyd: indbygget syntese, da SoundFonten ikke kunne bruges ({ $why })
briefing-facilitator = Facilitator: { $keys }
help-department-key = Din afdelings tast spiller din node, når den når linjen, eller tager en node mellem stolene, som du må tage.
pause-heading-focus = Pause: vinduet mistede fokus
confirm-restart = Start forfra? Tryk { $keys } igen, eller hold tasten nede (eller klik igen).
confirm-skip = Spring til debriefingen? Tryk { $keys } igen, eller hold tasten nede (eller klik igen).
confirm-leave = Tilbage til banerne? Tryk { $keys } igen, eller hold tasten nede (eller klik igen).
settings-pause-on-focus = Pause, når vinduet mister fokus
control-menu-move = flyt
control-menu-choose = vælg
control-back = tilbage
control-fullscreen = fuld skærm
control-pad-play = spil (en gamepad på en plads)
control-pad-seat = tag eller forlad en plads (gamepad)
control-tempo-down = langsommere
control-tempo-up = hurtigere
control-difficulty = sværhedsgrad
control-remap = skift tast for den valgte plads
control-practice-loop = øvesløjfe
control-loop-length = sløjfens længde
control-pause = pause
control-resume = fortsæt
control-help = hjælp
control-restart = start forfra
control-skip = spring til debriefingen
control-leave = tilbage til banerne
control-export = gem resultaterne
control-tap = tryk i takt
control-twice = to gange, eller hold nede
stage-anyone = alle må tage den
debrief-between = Mellem stolene
between-row = ☎ { $case } (takt { $bar }): »{ $step }« lå mellem { $a } og { $b } i { $bars } { $bars ->
        [one] takt
       *[other] takter
    }.
between-row-anyone = ☎ { $case } (takt { $bar }): »{ $step }« var alles at tage og lå der i { $bars } { $bars ->
        [one] takt
       *[other] takter
    }.
between-row-owner = ☎ { $case } (takt { $bar }): { $owners } »{ $step }« faldt på gulvet og lå der i { $bars } { $bars ->
        [one] takt
       *[other] takter
    }; { $others } kunne have samlet den op.
between-unanswered = Løst, men aldrig besvaret.
between-seats = — På de stole sad: { $seats }
between-more = … og { $n } mere (alle står i eksporten)
between-none = Alle { $many } fik { $answer }.
between-closest-rescued = Tættest på: { $case } (takt { $bar }), hvis »{ $step }« lå i { $bars } { $bars ->
        [one] takt
       *[other] takter
    }, før { $dept } samlede den op.
between-closest-waited = Tættest på: { $case } (takt { $bar }), der fik svar efter { $bars } { $bars ->
        [one] takt
       *[other] takter
    }.
table-taken = taget
table-missed = ladt ligge
table-strays = fejltryk
table-double = dobbelt
table-hits = Perfekt { $perfect } · Godt { $good } · Ok { $ok }
debrief-legend = Hvem spillede hvert skridt:
between-waiting = Ingen sag var tabt endnu, men { $n } { $n ->
        [one] { $one } ventede
       *[other] { $many } ventede
    } stadig på { $answer }, da stykket blev stoppet.
between-everyone-else = alle andre: computer
# Sammenlign runderne: banens runder i denne session side om side.
compare-heading = Sammenlign runderne · { $title }
compare-last-rounds = de sidste { $shown } af { $total } runder
compare-round = Runde { $n }
compare-seed = situation { $seed }
compare-seats = { $n } af { $total } pladser besat
compare-seats-none = kun computeren
compare-agreement = »{ $text }«
compare-stopped = stoppet før tid
compare-unanswered = Løst, men aldrig besvaret
compare-lost = Tabt
compare-answered = Besvaret
compare-double-work = Dobbeltarbejde
compare-strays = Fejltryk
compare-rescues = Redninger
compare-chances = Udnyttede chancer
compare-audience-final = Publikum til sidst
compare-audience-lowest = Publikum, lavest
compare-curve = Publikum over tid (0–100), en linje pr. runde:
compare-bars = takt
compare-back = Tilbage til debriefingen (Esc)

# results.xlsx: ark, kolonner, og hvad hver kolonne betyder.
xlsx-sheet-cases = Sager
xlsx-sheet-departments = Afdelinger
xlsx-sheet-audience = Publikum
xlsx-sheet-columns = Kolonner
xlsx-chart-departments = Hvad hver afdeling gjorde
xlsx-chart-audience = Publikum takt for takt
xlsx-yes = ja
xlsx-no = nej
xlsx-outcome-completed = besvaret
xlsx-outcome-lost = tabt
xlsx-outcome-open = stadig åben
xlsx-col-column = Kolonne
xlsx-col-meaning = Hvad den betyder
xlsx-col-bar = Takt
xlsx-col-audience = Publikum (0–100)
xlsx-col-id = Sag nr.
xlsx-help-id = Sagens nummer i den rækkefølge, { $the_many } kom i (fra 1).
xlsx-col-case_name = Sag
xlsx-help-case_name = Slags henvendelse, som scenariet kalder den.
xlsx-col-arrival_bar = Kom i takt
xlsx-help-arrival_bar = Den takt, { $the_one } kom i.
xlsx-col-outcome = Udfald
xlsx-help-outcome = besvaret, tabt ({ $the_one } gav op) eller stadig åben, da stykket stoppede.
xlsx-col-solved_but_unanswered = Løst, men aldrig besvaret
xlsx-help-solved_but_unanswered = ja, når hvert skridt blev gjort undtagen det sidste, { $answer } til { $the_one }: sagen faldt mellem stolene helt til sidst.
xlsx-col-steps = Skridt
xlsx-help-steps = Hvor mange noder sagens frase har.
xlsx-col-steps_played = Skridt spillet
xlsx-help-steps_played = Hvor mange af dem der blev spillet (redninger medregnet).
xlsx-col-drops = Faldt på gulvet
xlsx-help-drops = Noder, der faldt på gulvet: deres tid gik, og ingen spillede dem.
xlsx-col-rescues = Redninger
xlsx-help-rescues = Noder på gulvet, som nogen samlede op igen.
xlsx-col-bars_waited = Takter ventet for længe
xlsx-help-bars_waited = Takter, hvor { $the_one } havde ventet længere end sin tålmodighed, og { $audience } mistede lidt for hver.
xlsx-col-answered_by_name = Besvaret af
xlsx-help-answered_by_name = Den afdeling, der spillede den sidste node, { $answer } til { $the_one }; tom, hvis ingen gjorde.
xlsx-col-missing_step = Skridt aldrig spillet
xlsx-help-missing_step = For en tabt sag: det skridt, ingen spillede.
xlsx-col-fell_between_names = Faldt mellem
xlsx-help-fell_between_names = For en tabt sag: de stole, skridtet lå mellem (to afdelinger, én afdelings egen node på gulvet, eller alle).
xlsx-col-bars_lying = Takter på gulvet
xlsx-help-bars_lying = For en tabt sag: hele takter, fra skridtet skulle spilles, til { $the_one } gav op.
xlsx-col-name = Afdeling
xlsx-help-name = Afdelingen, som scenariet kalder den.
xlsx-col-perfect = Perfekt
xlsx-help-perfect = Noder spillet lige på slaget.
xlsx-col-good = Godt
xlsx-help-good = Noder spillet lidt ved siden af slaget.
xlsx-col-ok = Ok
xlsx-help-ok = Noder spillet lige inden for tiden.
xlsx-col-notes_played = Noder spillet
xlsx-help-notes_played = Perfekt + godt + ok.
xlsx-col-gap_notes_claimed = Noder taget mellem stolene
xlsx-help-gap_notes_claimed = Noder mellem to stole, som afdelingen tog.
xlsx-col-strays = Fejltryk
xlsx-help-strays = Tryk, der ikke ramte noget: en dæmpet forkert tone og et lille minus hos { $audience }.
xlsx-col-double_work = Dobbeltarbejde
xlsx-help-double_work = Noder, den spillede, som en anden allerede havde taget.
xlsx-col-share_of_notes = Andel af noderne
xlsx-help-share_of_notes = Dens del af alle spillede noder (0–1).
xlsx-col-chances = Chancer
xlsx-help-chances = Hver gang en node mellem stolene eller en løs node kom forbi, som afdelingen kunne have taget.
xlsx-col-chances_taken = Udnyttede chancer
xlsx-help-chances_taken = Dem, den tog.
xlsx-sheet-about = Om
xlsx-col-field = Felt
xlsx-col-value = Værdi
xlsx-col-scenario_title = Scenarie
xlsx-help-scenario_title = Scenariets titel, som spillet viser den.
xlsx-col-scenario_file = Fil
xlsx-help-scenario_file = Scenariets filnavn.
xlsx-col-seed = Situation (seed)
xlsx-help-seed = Det tal, kundernes ankomster blev trukket ud fra: samme fil, situation og pladser giver de samme kunder igen.
xlsx-col-seats = Pladser
xlsx-help-seats = Hvem der spillede hver afdeling (afdelingens id=hvem): en tast eller en gamepad (en person), en telefon med sit navn, kollegaen (computeren) eller en strategi fra tutti simulate --seat.
xlsx-col-tempo_pct = Tempo (%)
xlsx-help-tempo_pct = Tempoet ved start, i procent af scenariets.
xlsx-col-difficulty = Sværhedsgrad
xlsx-help-difficulty = relaxed, normal eller strict (afslappet, normal eller streng): hvor brede tidsvinduerne var.
xlsx-col-tutti_version = Tutti-version
xlsx-help-tutti_version = Den version af Tutti, der skrev filen.

## Hjemmetræning: vejen gennem kampagnen, mål, spillerens egen del
settings-language-automatic = Automatisk
menu-levels = Baner
title-play-chapter = Spil · kapitel { $n }: { $title }
levels-chapters = Kapitlerne
levels-own = Dine egne baner
levels-goals = Mål
levels-show-other = Vis også de engelske udgaver
levels-hide-other = Skjul de engelske udgaver
goal-no-unanswered = Ingen sag løst, men aldrig besvaret
goal-none-lost = Ingen tabte sager
goal-audience-above = Publikum over { $n } til sidst
goal-takes = Tag { $n } opkald mellem stolene
goal-rescues = Saml { $n ->
        [one] 1 løs node
       *[other] { $n } løse noder
    } op
goal-strays-at-most = Højst { $n } fejltryk
goal-double-work-at-most = Højst { $n ->
        [one] 1 node
       *[other] { $n } noder
    } med dobbeltarbejde
debrief-goals = Mål:
debrief-goals-unjudged = Målene bedømmes, når hele stykket er spillet til ende.
share-heading = Din del af det fælles resultat ({ $dept }):
share-own = Du spillede { $played } af dine { $notes } egne noder til tiden.
share-calls = Du kunne tage { $calls } opkald mellem stolene; du tog { $made }{ $others ->
        [0] .
       *[other] , kollegerne { $others }.
    }
share-loose = { $loose ->
        [one] 1 løs node lå
       *[other] { $loose } løse noder lå
    } ved din stol; du samlede { $picked } op.
share-lost = { $lost ->
        [one] 1 { $one } gav
       *[other] { $lost } { $many } gav
    } op ved en node, du kunne have taget; { $unanswered } af dem var løst, men aldrig besvaret.
share-none-lost = Ingen { $one } gav op ved en node, du kunne have taget.
debrief-reflection = Tænk over: { $q }

## Hvorfor publikum gik (debriefingen, `tutti simulate`, session.csv): årsagerne, den dyreste
## først, adskilt af "; ". $cost er i point, som måleren mistede dem.
walkout-why = { $Audience } forlod salen i takt { $bar }: { $causes }.
walkout-why-none = { $Audience } forlod salen i takt { $bar }.
walkout-stray = { $n } fejltryk kostede { $cost }
walkout-discord = { $n ->
        [one] 1 node, der faldt på gulvet,
       *[other] { $n } noder, der faldt på gulvet,
    } kostede { $cost }
walkout-discord-early = { $n ->
        [one] 1 node, der faldt på gulvet,
       *[other] { $n } noder, der faldt på gulvet,
    } kostede { $cost } (heraf { $early }, fordi der blev trykket for tidligt)
walkout-discord-all-early = { $n ->
        [one] 1 node, der faldt på gulvet, kostede { $cost } (fordi
       *[other] { $n } noder, der faldt på gulvet, kostede { $cost } (alle, fordi
    } der blev trykket for tidligt)
walkout-lost = { $n ->
        [one] 1 { $one }, der gav op,
       *[other] { $n } { $many }, der gav op,
    } kostede { $cost }
walkout-waiting = { $n ->
        [one] 1 { $one }, der ventede for længe,
       *[other] { $n } { $many }, der ventede for længe,
    } kostede { $cost }
walkout-double-work = { $n ->
        [one] 1 node med dobbeltarbejde
       *[other] { $n } noder med dobbeltarbejde
    } kostede { $cost }
walkout-other = andet kostede { $cost }

## `tutti simulate`s tabeller, på scenariets sprog og med dets ord. Kolonnenavnene er korte.
sim-title = { $title } (seed { $seed })
sim-unanswered-line = løst, men aldrig besvaret: { $n }
sim-counts = sager: { $total }   besvaret: { $completed }   tabt: { $lost }   dobbeltarbejde: { $double }   redninger: { $rescues }   fejltryk: { $strays }
sim-audience-line = { $audience }: til sidst { $final }, laveste { $min }
sim-chairs = mellem stolene: { $case } (takt { $bar }): »{ $step }« lå ved { $chairs } i { $bars } takter
sim-chairs-unanswered = ; løst, men aldrig besvaret
sim-closest = intet faldt mellem stolene; tættest på: { $case } (takt { $bar }): { $how }
sim-closest-answered = besvaret efter { $bars } takter
sim-closest-rescued = »{ $step }« lå ved { $chairs } i { $bars } takter, før den blev samlet op
sim-col-department = afdeling
sim-col-perfect = perfekt
sim-col-good = god
sim-col-ok = ok
sim-col-drops = faldt
sim-col-claims = tog
sim-col-rescues = reddet
sim-col-strays = fejltryk
sim-col-double = dobbelt
sim-col-chances = chancer
sim-runs-title = { $title }: { $runs } gennemspilninger, { $seeds }
sim-seed-one = seed { $seed }
sim-seed-range = seeds { $from }–{ $to }
sim-col-mean = gennemsnit
sim-col-lowest = laveste
sim-col-highest = højeste
sim-row-unanswered = løst, men aldrig besvaret
sim-row-lost = tabt
sim-row-completed = besvaret
sim-row-double = dobbeltarbejde
sim-row-rescues = redninger
sim-row-strays = fejltryk
sim-row-final = { $audience }, til sidst
sim-row-lowest = { $audience }, laveste
sim-walked-out = { $audience } gik i { $walked } af { $runs } gennemspilninger
sim-col-case-type = sagstype
sim-col-many = { $many }
sim-col-answered = besvaret
sim-col-lost = tabt
sim-col-unanswered-long = løst, men aldrig besvaret
sim-sweep-title = { $title }: { $runs } gennemspilninger for hver af { $settings } indstillinger (gennemsnit)
sim-col-unanswered = ubesvaret
sim-col-audience = { $audience }
sim-col-walk-outs = gik
sim-rooms-title = { $title }: { $runs } gennemspilninger pr. rum, { $seeds }, { $seated }
sim-rooms-everyone = alle afdelinger har en plads
sim-rooms-seated = pladser: { $ids } (resten spilles af deres kolleger)
sim-col-room = rum
sim-col-cases = sager
sim-col-in-bar = i takt
sim-rooms-footer = gennemsnit pr. gennemspilning; ubesvaret: løst, men aldrig besvaret; gik: gennemspilninger, hvor { $audience } gik, og den gennemsnitlige takt, de gik i

## A step without a label, as "Between the chairs" and the tables name it (from 1).
step-unnamed = trin { $n }

## A game playing as a table of a room (`tutti play --join URL --name NAME`): its line to the
## host, in a corner of every screen. $name is the table's name, $host the host's address.
table-joining = Forbinder til værten på { $host }…
table-in = Vært: i rummet · { $name }
table-away = Værten er væk — vi spiller videre · { $name }
table-over = Arrangementet er slut · { $name }
table-refused = Værten afviste bordet: { $why }
table-refused-room-code = rumkoden passer ikke; tjek koden på værtens skærm
table-refused-version = værten kører Tutti { $host_version }, og her kører Tutti { $version }; alle borde skal køre værtens version
table-refused-name-taken = der er allerede et bord med det navn i rummet; vælg et andet navn
table-refused-full = der er ikke plads til flere borde i rummet
table-refused-hello = bordet sagde ikke goddag
table-bad-scenario = Værtens scenarie kan ikke indlæses: { $error }
table-no-line = Ingen forbindelse til værten: { $error }

## Værtens væg: et rum med mange borde (docs/tables.md).
menu-host = Vært for et rum med borde
host-join = Bordene går med på
host-room-code = Rumkode
host-tables = { $n ->
    [one] 1 bord
   *[other] { $n } borde
}
host-no-tables = Intet bord er med endnu: hvert bord går med på adressen herover med rumkoden.
host-round-none = Ingen runde endnu
host-round = Runde { $n }
host-state-playing = spiller
host-state-paused = PAUSE
host-state-reported = { $done } af { $all } borde har meldt tilbage
host-tempo = tempo { $pct } %
host-seats = { $filled }/{ $all } pladser
host-bar = takt { $bar }
host-calls = ✓ { $taken } taget · ✗ { $missed } tabt
host-calls-short = ✓{ $taken } ✗{ $missed }
host-away = væk
host-ready = klar
host-counting = indtælling…
host-done = meldt tilbage ✓
host-button-start = S · Start runde { $n }
host-button-pause = P · Pause
host-button-resume = P · Fortsæt
host-button-slower = ← · Langsommere
host-button-faster = → · Hurtigere
host-button-skip = D · Til debriefingen
host-button-debrief = R · Rummets debriefing
host-button-tables = R · Bordene
host-button-leave = Esc · Forlad
host-confirm-start = Runde { $n } kører stadig ved { $count } borde: tryk S igen for alligevel at starte runde { $next }.
host-confirm-skip = Tryk D igen for at slutte runden ved alle borde nu.
host-confirm-leave = Tryk Esc igen for at lukke rummet: bordene får besked om, at arrangementet er slut.
host-need-tables = Intet bord er med endnu: start en runde, når bordene er med.
host-started = Runde { $n } starter ved alle borde på én indtælling.
host-saved = Gemt i { $path }
host-failed = Rummet kunne ikke åbne: { $why }
host-debrief-title = Rummets debriefing · runde { $n }
host-debrief-sums = { $tables } borde · publikum i gennemsnit { $audience } · tabt { $lost } · besvaret { $answered }
host-debrief-waiting = Venter stadig på { $names }
host-debrief-between = Hvor sagerne faldt mellem stolene, ved alle borde
host-debrief-between-none = Intet faldt mellem stolene.
host-debrief-rounds = Runde { $a } mod runde { $b }
host-debrief-round = Runde { $a }
host-col-table = Bord
host-col-lost-answered = publikum til sidst · tabt / besvaret
host-debrief-agreements = Bordenes aftaler
host-debrief-agreements-none = Intet bord har skrevet en aftale endnu.
host-debrief-vote = Telefonernes afstemning: hvem burde have taget { $call }?
host-debrief-vote-none = Ingen telefoner stemte i denne runde.
host-more = … og { $n } mere

## Rummets eksport (room.xlsx): arkenes navne og kolonneoverskrifter.
room-sheet-room = Rummet
room-col-table = Bord
room-col-round = Runde
room-col-seed = Situation (seed)
room-col-total = Kunder
room-col-completed = Besvaret
room-col-lost = Tabt
room-col-solved_but_unanswered = Løst, men aldrig besvaret
room-col-double_work = Dobbeltarbejde
room-col-rescues = Redninger
room-col-strays = Fejltryk
room-col-audience_final = Publikum til sidst
room-col-audience_min = Laveste publikum
room-col-walked_out = Gik
room-col-agreement = Aftale
room-col-tables = Borde
room-col-audience_mean = Publikum til sidst, gennemsnit
room-col-chairs = Faldt mellem
room-col-case = Sag
room-col-step = Trin
room-col-count = Gange

## Deltag i et rum fra titelskærmen: spillet som et bord i et rum (docs/tables.md).
menu-join = Deltag i et rum
join-title = Deltag i et rum
join-intro = Skriv det, som værtens skærm viser. Bordet venter så på titelskærmen, til værten lukker det ind.
join-address = Værtens adresse, f.eks. 192.168.1.20:7878
join-code = Rumkoden: 4 bogstaver (behøves ikke, når adressen ender på ?room=…)
join-name = Bordets navn på værtens væg, f.eks. Bord 3
join-button = Deltag
join-back = Tilbage
join-need-address = Skriv værtens adresse, som værtens skærm viser den.
join-need-code = Skriv rumkoden fra værtens skærm.
join-need-name = Giv bordet et navn, f.eks. Bord 3.
join-bad-scheme = Værtens adresse begynder med http:// (som på værtens skærm), ikke https://.
join-no-code = Der mangler en rumkode: skriv den fra værtens skærm.
join-no-port = Skriv adressen som IP:PORT, f.eks. 192.168.1.20:7878, som værtens skærm viser den.
join-keys = ↑ ↓ eller Tab: næste felt · Enter: deltag · Ctrl+V: sæt ind · Esc: tilbage
