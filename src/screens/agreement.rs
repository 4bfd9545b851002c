//! The group's agreement: typed on the debrief (any Unicode, æøå included, pasted or typed, one
//! line, at most [`AGREEMENT_MAX_CHARS`] characters; while it is typed no key acts as a hotkey),
//! shown on the next round's briefing and on stage during it, and kept with that round.

use bevy::prelude::*;

use crate::game::session::{SessionInput, Workshop};
use crate::rounds::session::AGREEMENT_MAX_CHARS;
use crate::states::{AppSet, Screen};
use crate::ui::i18n::Texts;
use crate::ui::palette::Palette;
use crate::ui::text_entry::{EntryClosed, TextEntry};
use crate::ui::widgets;

/// The debrief's agreement line (the line being typed, while it is).
#[derive(Component, Debug)]
struct AgreementLine;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        Update,
        (keep_agreement, show_agreement)
            .chain()
            .in_set(AppSet::Update)
            .run_if(in_state(Screen::Debrief)),
    );
    app.add_systems(OnExit(Screen::Debrief), close_agreement);
}

/// The debrief's agreement line, under its buttons.
pub(super) fn spawn_agreement_line(
    parent: &mut ChildSpawnerCommands,
    workshop: &Workshop,
    texts: &Texts,
    p: &Palette,
) {
    parent.spawn((
        AgreementLine,
        widgets::label(resting_text(workshop, texts), 18.0, p.accent),
    ));
    if let Some(why) = workshop.warning() {
        let line = texts.t_args("round-not-kept", &[("error", why.to_owned().into())]);
        parent.spawn(widgets::label(line, 16.0, p.warn));
    }
}

/// The briefing's line: the agreement in force, if there is one.
pub(super) fn briefing_line(workshop: &Workshop, texts: &Texts) -> Option<String> {
    let a = workshop.agreement()?.to_owned();
    Some(texts.t_args("briefing-agreement", &[("agreement", a.into())]))
}

fn resting_text(workshop: &Workshop, texts: &Texts) -> String {
    match workshop.agreement() {
        Some(a) => texts.t_args("agreement-now", &[("agreement", a.to_owned().into())]),
        None => texts.t("agreement-none"),
    }
}

/// The debrief's agreement button opens the line with the agreement in force (unless it is open).
pub(super) fn open_agreement(entry: &mut TextEntry, workshop: &Workshop) {
    if !entry.is_open() {
        let now = workshop.agreement().unwrap_or_default().to_owned();
        entry.open(&now, AGREEMENT_MAX_CHARS);
    }
}

/// Enter keeps what was typed (an empty line removes the agreement); Esc changes nothing.
fn keep_agreement(
    mut closed: MessageReader<EntryClosed>,
    mut session: MessageWriter<SessionInput>,
) {
    for c in closed.read() {
        if let EntryClosed::Kept(text) = c {
            session.write(SessionInput::Agreement(text.clone()));
        }
    }
}

/// The line as it stands: the agreement, or the text being typed with its caret and hint.
fn show_agreement(
    entry: Res<TextEntry>,
    workshop: Res<Workshop>,
    texts: Res<Texts>,
    palette: Res<Palette>,
    mut line: Query<(&mut Text, &mut TextColor), With<AgreementLine>>,
) {
    if !(entry.is_changed() || workshop.is_changed()) {
        return;
    }
    let (text, color) = if entry.is_open() {
        let typed = format!("{}▏", entry.text());
        let line = texts.t_args("agreement-editing", &[("text", typed.into())]);
        let hint = texts.t_args("agreement-typing", &[("left", entry.room().into())]);
        (format!("{line}\n{hint}"), palette.line)
    } else {
        (resting_text(&workshop, &texts), palette.accent)
    };
    for (mut t, mut c) in &mut line {
        t.0.clone_from(&text);
        c.0 = color;
    }
}

/// Leaving the debrief with the line open leaves the agreement as it was.
fn close_agreement(mut entry: ResMut<TextEntry>) {
    *entry = TextEntry::default();
}
