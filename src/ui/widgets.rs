//! Small functions returning UI bundles, and the buttons' mouse and keyboard handling. A button
//! carries its screen's own component that says what it does; `add_buttons` sends it on as a
//! message when the button is clicked or chosen with the keyboard.

use bevy::prelude::*;

use super::keys::pressed;
use super::palette::Palette;
use crate::keymap::{Context, Control};

/// A button was chosen: clicked, or Enter with the keyboard focus on it. Written in `PreUpdate`
/// ([`MenuSystems`]); each screen's own button component ([`add_buttons`]) is sent on from it.
#[derive(Message, Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Chosen(pub Entity);

/// A quiet click is wanted: a button was chosen, or the calibration took a tap.
#[derive(Message, Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Click;

/// A button's place in keyboard navigation (Up/Down, Enter).
#[derive(Component, Debug, Clone, Copy)]
pub(crate) struct MenuItem(pub usize);

/// Which menu item has the keyboard focus.
#[derive(Resource, Debug, Default)]
pub struct MenuFocus(pub usize);

/// Department keys players may be pressing on this screen (the lobby, the pause, the debrief):
/// when one of them is also a menu key (a department on Enter or an arrow), it plays no part in
/// the menu, so a player's key never starts, resumes or restarts anything.
#[derive(Resource, Debug, Default, Clone, PartialEq)]
pub(crate) struct PlayerKeys(pub Vec<KeyCode>);

/// Marks text that shows the palette's main text colour (follows the theme).
#[derive(Component)]
struct ThemedText;

/// A full-screen column, the root of a screen's UI.
pub fn root() -> impl Bundle {
    Node {
        width: percent(100),
        height: percent(100),
        flex_direction: FlexDirection::Column,
        align_items: AlignItems::Center,
        justify_content: JustifyContent::Center,
        row_gap: px(10),
        ..default()
    }
}

/// A heading.
pub fn heading(text: impl Into<String>, size: f32, color: Color) -> impl Bundle {
    (
        Text::new(text),
        TextFont {
            font_size: FontSize::Px(size),
            ..default()
        },
        TextColor(color),
    )
}

/// A line of text.
pub fn label(text: impl Into<String>, size: f32, color: Color) -> impl Bundle {
    (
        Text::new(text),
        TextFont {
            font_size: FontSize::Px(size),
            ..default()
        },
        TextColor(color),
        ThemedText,
    )
}

/// A hint of a line or two, centred and wrapped to a readable width.
pub fn hint(text: impl Into<String>, size: f32, color: Color) -> impl Bundle {
    (
        label(text, size, color),
        TextLayout::justify(Justify::Center),
        Node {
            max_width: px(1100),
            ..default()
        },
    )
}

/// A button with a text; `action` is the screen's own component that says what it does (see
/// `add_buttons`), `order` its place in keyboard navigation.
pub fn button(
    text: impl Into<String>,
    action: impl Component,
    order: usize,
    palette: &Palette,
) -> impl Bundle {
    sized_button(text, action, order, palette, (320.0, 24.0))
}

/// A smaller button, for a row of them.
pub(crate) fn compact_button(
    text: impl Into<String>,
    action: impl Component,
    order: usize,
    palette: &Palette,
) -> impl Bundle {
    sized_button(text, action, order, palette, (0.0, 18.0))
}

/// A button with a text of `font_size` and at least `min_width` wide.
pub(crate) fn sized_button(
    text: impl Into<String>,
    action: impl Component,
    order: usize,
    palette: &Palette,
    (min_width, font_size): (f32, f32),
) -> impl Bundle {
    (
        Button,
        action,
        MenuItem(order),
        button_node(min_width, font_size, font_size),
        BackgroundColor(palette.button),
        children![(
            Text::new(text),
            TextFont {
                font_size: FontSize::Px(font_size),
                ..default()
            },
            TextColor(palette.text),
        )],
    )
}

/// A button's box: at least `min_width` wide, `pad_x` either side of its text of `font_size`.
fn button_node(min_width: f32, font_size: f32, pad_x: f32) -> Node {
    Node {
        min_width: px(min_width),
        padding: UiRect::axes(px(pad_x), px(font_size * 0.4)),
        justify_content: JustifyContent::Center,
        align_items: AlignItems::Center,
        border_radius: BorderRadius::all(px(8)),
        ..default()
    }
}

/// A column of buttons, one per (text key, action), in keyboard order from `first`.
pub(crate) fn spawn_menu(
    parent: &mut ChildSpawnerCommands,
    items: &[(&str, impl Component + Copy)],
    first: usize,
    texts: &super::i18n::Texts,
    palette: &Palette,
) {
    for (i, (key, action)) in items.iter().enumerate() {
        parent.spawn(button(texts.t(key), *action, first + i, palette));
    }
}

/// A row of compact buttons, one per (text key, action), in keyboard order from `first`.
pub(crate) fn spawn_menu_row(
    parent: &mut ChildSpawnerCommands,
    items: &[(&str, impl Component + Copy)],
    first: usize,
    texts: &super::i18n::Texts,
    palette: &Palette,
) {
    parent
        .spawn(Node {
            flex_direction: FlexDirection::Row,
            flex_wrap: FlexWrap::Wrap,
            column_gap: px(8),
            row_gap: px(6),
            margin: UiRect::top(px(6)),
            ..default()
        })
        .with_children(|row| {
            for (i, (key, action)) in items.iter().enumerate() {
                // Narrower sides than a lone button's: six fit on one line at 1280×720.
                row.spawn(compact_button(texts.t(key), *action, first + i, palette))
                    .insert(button_node(0.0, 18.0, 11.0));
            }
        });
}

/// Makes `B`, a screen's own button component (`enum TitleButton { Play, … }`), the message its
/// buttons send: when one of them is chosen (clicked, or Enter with the keyboard focus on it) its
/// `B` is written in `PreUpdate`, for that screen's `Update` system to read. A `B` chosen on one
/// screen does not act again on the next: it is forgotten whenever a screen opens.
pub(crate) fn add_buttons<B: Component + Message + Copy>(app: &mut App) {
    app.add_message::<B>();
    app.add_systems(PreUpdate, send_chosen::<B>.after(MenuSystems));
    for screen in crate::states::Screen::ALL {
        app.add_systems(OnEnter(screen), forget_chosen::<B>);
    }
}

/// Sends on the `B` of every button chosen this frame that has one.
fn send_chosen<B: Component + Message + Copy>(
    mut chosen: MessageReader<Chosen>,
    buttons: Query<&B>,
    mut out: MessageWriter<B>,
) {
    for Chosen(button) in chosen.read() {
        if let Ok(b) = buttons.get(*button) {
            out.write(*b);
        }
    }
}

fn forget_chosen<B: Message>(mut messages: ResMut<Messages<B>>) {
    messages.clear();
}

pub(super) fn plugin(app: &mut App) {
    app.add_message::<Chosen>();
    app.add_message::<Click>();
    // Registered by the window plugin too; here for the headless tests that have none.
    app.add_message::<bevy::window::CursorMoved>();
    app.init_resource::<MenuFocus>();
    app.init_resource::<PlayerKeys>();
    // In PreUpdate, after input and the UI's hover/click detection, so every screen's Update
    // systems see this frame's actions.
    app.add_systems(
        PreUpdate,
        (navigate_menu, click_buttons, highlight_buttons)
            .chain()
            .in_set(MenuSystems)
            .after(bevy::input::InputSystems)
            .after(bevy::ui::UiSystems::Focus),
    );
}

/// The menus' own systems (keyboard navigation, clicks, highlight), in `PreUpdate`.
#[derive(SystemSet, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct MenuSystems;

fn navigate_menu(
    keys: Res<ButtonInput<KeyCode>>,
    player_keys: Res<PlayerKeys>,
    mut focus: ResMut<MenuFocus>,
    items: Query<(Entity, &MenuItem)>,
    mut chosen: MessageWriter<Chosen>,
    mut clicks: MessageWriter<Click>,
) {
    let count = items.iter().map(|(_, m)| m.0 + 1).max().unwrap_or(0);
    if count == 0 {
        return;
    }
    if focus.0 >= count {
        focus.0 = 0;
    }
    let menu = |control: Control| {
        pressed(&keys, control, Context::Menu)
            && !crate::keymap::binding(control, Context::Menu).is_some_and(|b| {
                b.keys
                    .iter()
                    .any(|k| player_keys.0.contains(&super::keys::code_of(*k)))
            })
    };
    if menu(Control::MenuDown) {
        focus.0 = (focus.0 + 1) % count;
    }
    if menu(Control::MenuUp) {
        focus.0 = (focus.0 + count - 1) % count;
    }
    if menu(Control::MenuChoose)
        && let Some((button, _)) = items.iter().find(|(_, m)| m.0 == focus.0)
    {
        chosen.write(Chosen(button));
        clicks.write(Click);
    }
}

/// A click acts; hovering moves the keyboard focus only when the pointer itself moved (a pointer
/// left resting on the screen must not take the focus when a menu is laid out under it, nor when
/// the window appears under it: the first position reported is where it rests, not a move).
fn click_buttons(
    buttons: Query<(Entity, &Interaction, &MenuItem), Changed<Interaction>>,
    mut chosen: MessageWriter<Chosen>,
    mut clicks: MessageWriter<Click>,
    mut focus: ResMut<MenuFocus>,
    mut moved: MessageReader<bevy::window::CursorMoved>,
    mut rests_at: Local<Option<Vec2>>,
) {
    let mut pointer_moved = false;
    for m in moved.read() {
        pointer_moved |= rests_at.is_some_and(|at| at.distance(m.position) > 1.0);
        *rests_at = Some(m.position);
    }
    for (button, interaction, item) in &buttons {
        match interaction {
            Interaction::Pressed => {
                chosen.write(Chosen(button));
                clicks.write(Click);
            }
            Interaction::Hovered if pointer_moved => focus.0 = item.0,
            Interaction::Hovered | Interaction::None => {}
        }
    }
}

fn highlight_buttons(
    focus: Res<MenuFocus>,
    palette: Res<Palette>,
    mut buttons: Query<
        (&MenuItem, &mut BackgroundColor, &mut BorderColor, &mut Node),
        With<Button>,
    >,
) {
    for (item, mut bg, mut border, mut node) in &mut buttons {
        let focused = item.0 == focus.0;
        bg.0 = if focused {
            palette.button_hover
        } else {
            palette.button
        };
        *border = BorderColor::all(if focused { palette.line } else { Color::NONE });
        node.border = UiRect::all(px(if focused { 3.0 } else { 0.0 }));
    }
}
