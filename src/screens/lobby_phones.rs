//! The lobby's phone panel: phones on or off, joining open or closed, and while they are on the
//! QR code of the address, the address itself, the room code and every phone that joined (its
//! seat, the audience, or away). The server lives in [`crate::game::phones`]; turning phones off
//! drops it, and it stops listening.

use bevy::prelude::*;

use crate::game::performance::{PerformanceInput, Setup};
use crate::game::phones::Phones;
use crate::states::{AppSet, Screen};
use crate::ui::i18n::Texts;
use crate::ui::palette::Palette;
use crate::ui::widgets::{self, Action};

/// The port the lobby's button listens on (any free one when it is taken).
pub const LOBBY_PORT: u16 = 8765;

/// The most phones the panel names (the rest are counted), so it stays below the seats.
const MAX_LISTED: usize = 8;

#[derive(Component)]
struct PhonePanel;

/// What the panel shows, to respawn it only when that changes.
#[derive(Resource, Default, PartialEq)]
struct Shown(String);

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Shown>();
    app.add_systems(OnEnter(Screen::Lobby), forget_shown);
    app.add_systems(
        Update,
        (
            act_on_phone_buttons.in_set(AppSet::RecordInput),
            spawn_panel.in_set(AppSet::Update),
        )
            .run_if(in_state(Screen::Lobby)),
    );
}

fn forget_shown(mut shown: ResMut<Shown>) {
    shown.0.clear();
}

/// Phones on or off; joining open or closed; the address on the next network.
fn act_on_phone_buttons(
    mut actions: MessageReader<Action>,
    mut phones: Option<ResMut<Phones>>,
    texts: Res<Texts>,
    mut inputs: MessageWriter<PerformanceInput>,
    mut commands: Commands,
) {
    for a in actions.read() {
        match (a, phones.as_deref_mut()) {
            (Action::TogglePhones, Some(_)) => {
                commands.remove_resource::<Phones>();
                inputs.write(PerformanceInput::PhonesOff);
            }
            (Action::TogglePhones, None) => {
                let lang = texts.lang.code();
                match Phones::start(LOBBY_PORT, lang).or_else(|_| Phones::start(0, lang)) {
                    Ok(p) => commands.insert_resource(p),
                    Err(e) => error!("phones: cannot listen: {e}"),
                }
            }
            (Action::TogglePhoneJoining, Some(p)) => p.server().set_joining(!p.server().joining()),
            (Action::CyclePhoneNetwork, Some(p)) => p.next_network(),
            _ => {}
        }
    }
}

/// The panel's lines: the address, the room code, and the phones.
fn panel_lines(phones: &Phones, setup: &Setup, texts: &Texts) -> Vec<String> {
    let server = phones.server();
    let mut lines = vec![
        texts.t_args("phones-address", &[("url", phones.url.clone().into())]),
        texts.t_args("phones-room", &[("code", server.code().to_string().into())]),
    ];
    let list = server.phones();
    if list.is_empty() {
        lines.push(texts.t("phones-none"));
    }
    let more = list.len().saturating_sub(MAX_LISTED);
    for (phone, name, _, connected) in list.into_iter().take(MAX_LISTED) {
        let whereabouts = match (setup.phone_dept(phone), connected) {
            (_, false) => texts.t("phones-away"),
            (Some(d), true) => format!("→ {}", d.0 + 1),
            (None, true) => texts.t("phones-audience"),
        };
        lines.push(format!("{name}: {whereabouts}"));
    }
    if more > 0 {
        lines.push(format!("+{more}"));
    }
    lines
}

/// Spawns the panel again whenever what it shows changes.
fn spawn_panel(
    mut commands: Commands,
    phones: Option<Res<Phones>>,
    setup: Res<Setup>,
    texts: Res<Texts>,
    palette: Res<Palette>,
    mut shown: ResMut<Shown>,
    old: Query<Entity, With<PhonePanel>>,
) {
    let lines = phones
        .as_deref()
        .map(|p| panel_lines(p, &setup, &texts))
        .unwrap_or_default();
    let joining = phones.as_deref().is_some_and(|p| p.server().joining());
    let network = phones
        .as_deref()
        .map(Phones::network)
        .filter(|(_, n)| *n > 1)
        .map(|(ip, _)| texts.t_args("phones-network", &[("ip", ip.to_string().into())]));
    let qr = phones.as_deref().and_then(|p| p.qr.clone());
    let now = format!(
        "{}|{joining}|{}|{lines:?}|{network:?}",
        phones.is_some(),
        qr.is_some()
    );
    if shown.0 == now && !old.is_empty() {
        return;
    }
    shown.0 = now;
    for e in &old {
        commands.entity(e).despawn();
    }
    let panel = Panel {
        on: phones.is_some(),
        joining,
        network,
        qr,
        lines,
    };
    spawn_panel_with(&mut commands, panel, &texts, &palette);
}

/// What the panel shows.
struct Panel {
    on: bool,
    joining: bool,
    /// The network button's text, when there are several.
    network: Option<String>,
    qr: Option<Handle<Image>>,
    lines: Vec<String>,
}

/// Spawns the panel at the bottom right (below the lobby's columns): its buttons and lines, and
/// the QR code beside them.
fn spawn_panel_with(commands: &mut Commands, panel: Panel, texts: &Texts, palette: &Palette) {
    let button = |text: String, action, order| {
        widgets::sized_button(text, action, order, palette, (260.0, 16.0))
    };
    let on = if panel.on { "phones-on" } else { "phones-off" };
    let join = if panel.joining {
        "phones-joining-open"
    } else {
        "phones-joining-closed"
    };
    commands
        .spawn((
            DespawnOnExit(Screen::Lobby),
            PhonePanel,
            Node {
                position_type: PositionType::Absolute,
                right: px(12),
                bottom: px(12),
                flex_direction: FlexDirection::Row,
                column_gap: px(12),
                align_items: AlignItems::FlexEnd,
                ..default()
            },
        ))
        .with_children(|row| {
            row.spawn(Node {
                flex_direction: FlexDirection::Column,
                row_gap: px(4),
                align_items: AlignItems::FlexEnd,
                ..default()
            })
            .with_children(|p| {
                p.spawn(button(texts.t(on), Action::TogglePhones, 90));
                if panel.on {
                    p.spawn(button(texts.t(join), Action::TogglePhoneJoining, 91));
                }
                if let Some(text) = panel.network {
                    p.spawn(button(text, Action::CyclePhoneNetwork, 92));
                }
                for line in panel.lines {
                    p.spawn(widgets::label(line, 15.0, palette.text));
                }
            });
            if let Some(qr) = panel.qr {
                row.spawn((
                    ImageNode::new(qr),
                    Node {
                        width: px(150),
                        height: px(150),
                        ..default()
                    },
                ));
            }
        });
}
