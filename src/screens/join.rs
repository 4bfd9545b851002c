//! Join a room from the title: the host's address, the room code and the table's name, typed as
//! the host's screen shows them (Up, Down or Tab between the fields, Enter joins, Esc goes back);
//! then the game is a table of that room exactly as with `tutti play --join` (`docs/tables.md`).

use bevy::prelude::*;

use crate::game::table::JoinRoom;
use crate::keymap::{Context, Control};
use crate::settings::Settings;
use crate::states::{AppSet, Screen, TableJoin};
use crate::tables::join::JoinUrl;
use crate::ui::i18n::Texts;
use crate::ui::palette::Palette;
use crate::ui::text_entry::{EntryClosed, TextEntry};
use crate::ui::widgets::{self, MenuFocus};

/// What the join screen's buttons do.
#[derive(Component, Message, Debug, Clone, Copy, PartialEq, Eq)]
pub enum JoinButton {
    /// A typed field: chosen, typing goes there.
    Field(Field),
    /// Join the room.
    Join,
    /// Back to the title.
    Back,
}

/// The form's typed fields, in their order on screen (and in keyboard navigation).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// The host's address, `192.168.1.20:7878` or `http://…/?room=CODE`.
    Address,
    /// The room code, when the address has none.
    Code,
    /// The table's name on the host's wall.
    Name,
}

impl Field {
    /// Every field, in order.
    const ALL: [Field; 3] = [Field::Address, Field::Code, Field::Name];

    /// Its place on screen and in keyboard navigation.
    fn index(self) -> usize {
        self as usize
    }

    /// The longest text it takes.
    fn max_chars(self) -> usize {
        match self {
            Field::Address => 120,
            Field::Code => crate::phones::room::CODE_LEN,
            Field::Name => crate::tables::protocol::MAX_NAME_CHARS,
        }
    }

    /// The text key of the line above it.
    fn label_key(self) -> &'static str {
        match self {
            Field::Address => "join-address",
            Field::Code => "join-code",
            Field::Name => "join-name",
        }
    }
}

/// The form as typed so far (kept while the game runs, so a table refused by the host finds its
/// address and code again), the field being typed and what keeps the table from joining.
#[derive(Resource, Debug, Default)]
struct JoinForm {
    /// The fields' texts, by [`Field::index`].
    texts: [String; 3],
    /// The field the line is open on.
    editing: Option<Field>,
    /// Why the last Join did not join.
    problem: Option<String>,
}

/// The size of a field's text.
const FIELD_FONT: f32 = 26.0;

/// Marks the line that says why the table did not join.
#[derive(Component, Debug)]
struct ProblemLine;

pub(super) fn plugin(app: &mut App) {
    widgets::add_buttons::<JoinButton>(app);
    app.init_resource::<JoinForm>();
    app.add_systems(OnEnter(Screen::Join), spawn_join);
    app.add_systems(OnExit(Screen::Join), close_form);
    app.add_systems(
        Update,
        (type_in_focused_field, act_on_join, show_form)
            .chain()
            .in_set(AppSet::Update)
            .run_if(in_state(Screen::Join)),
    );
}

/// The form: a line above each field, Join and Back, why it did not join, the keys.
fn spawn_join(
    mut commands: Commands,
    palette: Res<Palette>,
    texts: Res<Texts>,
    settings: Res<Settings>,
    mut form: ResMut<JoinForm>,
    mut focus: ResMut<MenuFocus>,
) {
    let name = &mut form.texts[Field::Name.index()];
    if name.is_empty() {
        name.clone_from(&settings.table_name);
    }
    form.problem = None;
    form.editing = None;
    focus.0 = Field::ALL
        .iter()
        .find(|f| form.texts[f.index()].is_empty())
        .map_or(Field::Address.index(), |f| f.index());
    let p = &*palette;
    commands
        .spawn((DespawnOnExit(Screen::Join), widgets::root()))
        .with_children(|root| {
            root.spawn(widgets::heading(texts.t("join-title"), 48.0, p.line));
            root.spawn(widgets::hint(texts.t("join-intro"), 18.0, p.dim));
            for field in Field::ALL {
                root.spawn(Node {
                    height: px(4),
                    ..default()
                });
                root.spawn(widgets::label(texts.t(field.label_key()), 18.0, p.dim));
                let button = JoinButton::Field(field);
                let text = form.texts[field.index()].clone();
                let size = (640.0, FIELD_FONT);
                root.spawn(widgets::sized_button(text, button, field.index(), p, size))
                    // As high empty as with a line in it.
                    .entry::<Node>()
                    .and_modify(|mut n| n.min_height = px(FIELD_FONT * 2.1));
            }
            root.spawn(Node {
                height: px(8),
                ..default()
            });
            let buttons = [
                ("join-button", JoinButton::Join),
                ("join-back", JoinButton::Back),
            ];
            widgets::spawn_menu(root, &buttons, Field::ALL.len(), &texts, p);
            root.spawn((ProblemLine, widgets::hint("", 18.0, p.warn)));
            root.spawn(widgets::label(texts.t("join-keys"), 16.0, p.dim));
        });
}

/// Typing goes into the field with the keyboard focus (Up, Down, Tab or the mouse move it): the
/// line is open on it, and what is typed is kept in the form.
fn type_in_focused_field(
    mut entry: ResMut<TextEntry>,
    mut form: ResMut<JoinForm>,
    focus: Res<MenuFocus>,
) {
    if let Some(field) = form.editing {
        let typed = entry.text();
        if form.texts[field.index()] != typed {
            form.texts[field.index()] = typed.to_owned();
        }
    }
    let focused = Field::ALL.into_iter().find(|f| f.index() == focus.0);
    match focused {
        Some(f) if form.editing != Some(f) || !entry.is_open() => {
            entry.open_in_form(&form.texts[f.index()], f.max_chars());
            form.editing = Some(f);
        }
        None if form.editing.is_some() => {
            *entry = TextEntry::default();
            form.editing = None;
        }
        _ => {}
    }
}

/// Enter (in a field, or on Join) joins; Esc or Back goes back to the title; Tab moves to the
/// next field (Shift+Tab the one before).
fn act_on_join(
    mut buttons: MessageReader<JoinButton>,
    mut closed: MessageReader<EntryClosed>,
    keys: Res<ButtonInput<KeyCode>>,
    mut focus: ResMut<MenuFocus>,
    mut form: ResMut<JoinForm>,
    mut next: ResMut<NextState<Screen>>,
    joining: (MessageWriter<JoinRoom>, ResMut<Settings>, Res<Texts>),
) {
    let (mut joins, mut settings, texts) = joining;
    let mut join = false;
    let mut back = crate::ui::keys::pressed(&keys, Control::Back, Context::Menu);
    for c in closed.read() {
        match c {
            EntryClosed::Kept(_) => join = true,
            EntryClosed::Cancelled => back = true,
        }
    }
    for button in buttons.read() {
        match button {
            JoinButton::Field(f) => focus.0 = f.index(),
            JoinButton::Join => join = true,
            JoinButton::Back => back = true,
        }
    }
    if keys.just_pressed(KeyCode::Tab) {
        let count = Field::ALL.len() + 2;
        let shift = keys.any_pressed([KeyCode::ShiftLeft, KeyCode::ShiftRight]);
        focus.0 = (focus.0 + if shift { count - 1 } else { 1 }) % count;
    }
    if back {
        next.set(Screen::Title);
    } else if join {
        match table_join(&form.texts, &texts) {
            Ok(table) => {
                info!(
                    "join: {} joins the room at {}",
                    table.name, table.url.authority
                );
                if settings.table_name != table.name {
                    settings.table_name.clone_from(&table.name);
                }
                joins.write(JoinRoom(table));
                next.set(Screen::Title);
            }
            Err((field, why)) => {
                focus.0 = field.index();
                form.problem = Some(why);
            }
        }
    }
}

/// The form read as a table joining a room, or the field at fault and why.
fn table_join(fields: &[String; 3], texts: &Texts) -> Result<TableJoin, (Field, String)> {
    let [address, code, name] = fields;
    let missing = |field: Field, key: &str| Err((field, texts.t(key)));
    if address.trim().is_empty() {
        return missing(Field::Address, "join-need-address");
    }
    let code = Some(code.trim()).filter(|c| !c.is_empty());
    if code.is_none() && !address.contains("room=") {
        return missing(Field::Code, "join-need-code");
    }
    let url =
        JoinUrl::parse(address, code).map_err(|why| (Field::Address, texts.t(why.text_key())))?;
    let Some(name) = crate::tables::protocol::clean_name(name) else {
        return missing(Field::Name, "join-need-name");
    };
    Ok(TableJoin { url, name })
}

/// The fields as typed (the one being typed with its caret) and why the table did not join.
fn show_form(
    form: Res<JoinForm>,
    buttons: Query<(&JoinButton, &Children)>,
    mut texts: Query<&mut Text, Without<ProblemLine>>,
    mut problem: Query<&mut Text, With<ProblemLine>>,
) {
    if !form.is_changed() {
        return;
    }
    for (button, children) in &buttons {
        let JoinButton::Field(field) = button else {
            continue;
        };
        let typed = &form.texts[field.index()];
        let shown = match form.editing {
            Some(f) if f == *field => format!("{typed}▏"),
            _ => typed.clone(),
        };
        for child in children.iter() {
            if let Ok(mut t) = texts.get_mut(child)
                && t.0 != shown
            {
                t.0.clone_from(&shown);
            }
        }
    }
    let why = form.problem.clone().unwrap_or_default();
    for mut t in &mut problem {
        if t.0 != why {
            t.0.clone_from(&why);
        }
    }
}

/// Leaving the screen closes the line being typed (the form keeps its texts).
fn close_form(mut entry: ResMut<TextEntry>, mut form: ResMut<JoinForm>) {
    *entry = TextEntry::default();
    form.editing = None;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(address: &str, code: &str, name: &str) -> [String; 3] {
        [address.into(), code.into(), name.into()]
    }

    #[test]
    fn the_form_reads_as_the_command_lines_join_or_names_the_field_at_fault() {
        let texts = Texts(crate::texts::Texts::in_lang(crate::settings::Lang::En));
        let join = table_join(&fields(" 192.168.1.20:7878 ", "kmpt", " Table 3 "), &texts);
        let join = join.unwrap();
        assert_eq!(join.url.authority, "192.168.1.20:7878");
        assert_eq!(join.url.code, "KMPT");
        assert_eq!(join.name, "Table 3");
        let from_url = table_join(&fields("http://h:1/?room=abcd", "", "T"), &texts);
        assert_eq!(from_url.unwrap().url.code, "ABCD");
        let field = |f: [String; 3]| table_join(&f, &texts).unwrap_err().0;
        assert_eq!(field(fields("", "ABCD", "T")), Field::Address);
        assert_eq!(field(fields("h:1", "", "T")), Field::Code);
        assert_eq!(field(fields("https://h:1/", "ABCD", "T")), Field::Address);
        assert_eq!(field(fields("h:1", "ABCD", "  ")), Field::Name);
    }
}
