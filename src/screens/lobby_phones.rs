//! The lobby's phone panel: phones on or off, joining open or closed, and while they are on the
//! QR code of the address, the address itself, the room code and every phone that joined (its
//! seat, the audience, or away). The server lives in [`crate::game::phones`]; turning phones off
//! drops it, and it stops listening. The button listens on `--phones PORT` when the game was
//! started with it (and says so when that port is taken), else on [`LOBBY_PORT`] (or any free port
//! when that one is taken, saying which).

use std::io;

use bevy::prelude::*;

use crate::game::performance::{PerformanceInput, Setup};
use crate::game::phones::Phones;
use crate::states::{AppSet, Launch, Screen};
use crate::ui::i18n::Texts;
use crate::ui::palette::Palette;
use crate::ui::widgets::{self, Action};

/// The port the lobby's button listens on without `--phones PORT` (any free one when it is taken).
pub const LOBBY_PORT: u16 = 8765;

/// The port the Phones button listens on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PortChoice {
    /// `--phones PORT`: that port only (the facilitator named it; the phones may have it already).
    Given(u16),
    /// [`LOBBY_PORT`], or any free port when it is taken.
    Default,
}

impl PortChoice {
    /// The choice for how the game was started.
    pub fn of(launch: Option<&Launch>) -> PortChoice {
        launch
            .and_then(|l| l.phones)
            .map_or(PortChoice::Default, PortChoice::Given)
    }
}

/// How turning phones on went.
pub enum Started {
    /// Listening on the port chosen.
    On(Phones),
    /// [`LOBBY_PORT`] was taken: listening on another port.
    Moved { phones: Phones, taken: u16 },
    /// The port is taken (another program, or another Tutti): phones stay off.
    Taken(u16),
    /// Phones could not start for another reason.
    Failed(String),
}

/// Turns phones on as `choice` says, listening with `listen` (the game: on every network).
pub fn start_phones(choice: PortChoice, listen: impl Fn(u16) -> io::Result<Phones>) -> Started {
    let port = match choice {
        PortChoice::Given(port) => port,
        PortChoice::Default => LOBBY_PORT,
    };
    match (listen(port), choice) {
        (Ok(phones), _) => Started::On(phones),
        (Err(e), PortChoice::Default) if e.kind() == io::ErrorKind::AddrInUse => match listen(0) {
            Ok(phones) => Started::Moved {
                phones,
                taken: port,
            },
            Err(e) => Started::Failed(e.to_string()),
        },
        (Err(e), _) if e.kind() == io::ErrorKind::AddrInUse => Started::Taken(port),
        (Err(e), _) => Started::Failed(e.to_string()),
    }
}

/// What the panel says of the last time phones were turned on, if anything went amiss: a taken
/// port, or another port than the usual.
#[derive(Resource, Debug, Default, Clone, PartialEq)]
pub struct PhonesNotice(pub Option<String>);

/// The most phones the panel names (the rest are counted), so it stays below the seats.
const MAX_LISTED: usize = 8;

#[derive(Component)]
struct PhonePanel;

/// What the panel shows, to respawn it only when that changes.
#[derive(Resource, Default, PartialEq)]
struct Shown(String);

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Shown>();
    app.init_resource::<PhonesNotice>();
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

/// Turns phones on (see [`start_phones`]), saying in the panel what went amiss.
fn turn_phones_on(
    commands: &mut Commands,
    launch: Option<&Launch>,
    texts: &Texts,
    notice: &mut PhonesNotice,
) {
    let lang = texts.lang.code();
    let started = start_phones(PortChoice::of(launch), |port| Phones::start(port, lang));
    let port = |n: u16| n.to_string().into();
    notice.0 = match started {
        Started::On(phones) => {
            commands.insert_resource(phones);
            None
        }
        Started::Moved { phones, taken } => {
            let other = port(phones.server().addr().port());
            commands.insert_resource(phones);
            let args = [("port", port(taken)), ("other", other)];
            Some(texts.t_args("phones-port-moved", &args))
        }
        Started::Taken(p) => Some(texts.t_args("phones-port-taken", &[("port", port(p))])),
        Started::Failed(e) => Some(texts.t_args("phones-start-failed", &[("error", e.into())])),
    };
    if let Some(n) = &notice.0 {
        warn!("phones: {n}");
    }
}

/// Phones on or off; joining open or closed; the address on the next network.
fn act_on_phone_buttons(
    mut actions: MessageReader<Action>,
    mut phones: Option<ResMut<Phones>>,
    texts: Res<Texts>,
    launch: Option<Res<Launch>>,
    mut notice: ResMut<PhonesNotice>,
    mut inputs: MessageWriter<PerformanceInput>,
    mut commands: Commands,
) {
    for a in actions.read() {
        match (a, phones.as_deref_mut()) {
            (Action::TogglePhones, Some(_)) => {
                commands.remove_resource::<Phones>();
                inputs.write(PerformanceInput::PhonesOff);
                notice.0 = None;
            }
            (Action::TogglePhones, None) => {
                turn_phones_on(&mut commands, launch.as_deref(), &texts, &mut notice);
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
    notice: Res<PhonesNotice>,
    mut shown: ResMut<Shown>,
    old: Query<Entity, With<PhonePanel>>,
) {
    let mut lines: Vec<String> = notice.0.iter().cloned().collect();
    if let Some(p) = phones.as_deref() {
        lines.extend(panel_lines(p, &setup, &texts));
    }
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
                // A long line (a taken port) wraps instead of running over the lobby.
                max_width: px(420),
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

#[cfg(test)]
mod tests {
    use std::net::TcpListener;

    use super::*;

    fn local(port: u16) -> io::Result<Phones> {
        Phones::start_on(([127, 0, 0, 1], port).into(), "en")
    }

    fn launch(phones: Option<u16>) -> Launch {
        Launch {
            phones,
            ..Launch::default()
        }
    }

    #[test]
    fn the_button_listens_on_the_port_given() {
        assert_eq!(PortChoice::of(None), PortChoice::Default);
        assert_eq!(PortChoice::of(Some(&launch(None))), PortChoice::Default);
        assert_eq!(
            PortChoice::of(Some(&launch(Some(9123)))),
            PortChoice::Given(9123)
        );
        let free = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = free.local_addr().unwrap().port();
        drop(free);
        let Started::On(p) = start_phones(PortChoice::Given(port), local) else {
            panic!("the given port was free");
        };
        assert_eq!(p.server().addr().port(), port);
    }

    #[test]
    fn a_taken_port_is_said_and_only_the_usual_one_moves() {
        let taken = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = taken.local_addr().unwrap().port();
        assert!(matches!(
            start_phones(PortChoice::Given(port), local),
            Started::Taken(p) if p == port
        ));
        // The usual port taken: another one, said.
        let usual = |p: u16| local(if p == LOBBY_PORT { port } else { p });
        match start_phones(PortChoice::Default, usual) {
            Started::Moved { phones, taken } => {
                assert_eq!(taken, LOBBY_PORT);
                assert_ne!(phones.server().addr().port(), port);
            }
            _ => panic!("the usual port taken: another port"),
        }
    }
}
