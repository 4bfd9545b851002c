//! The lobby's phone card, under its options: phones on or off, joining open or closed, and while
//! they are on the QR code of the address, the address itself, a room code large enough to read
//! across the room, and who is in the audience or away (a seated phone's name is on its seat). The server lives in [`crate::game::phones`]; turning phones off
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
use crate::ui::widgets;

use super::lobby::{PhoneSlot, SpawnLobby};

/// The port the lobby's button listens on without `--phones PORT` (any free one when it is taken).
const LOBBY_PORT: u16 = 8765;

/// The port the Phones button listens on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PortChoice {
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
pub(crate) fn start_phones(
    choice: PortChoice,
    listen: impl Fn(u16) -> io::Result<Phones>,
) -> Started {
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
struct PhonesNotice(pub Option<String>);

/// The most names the card lists in a line (the rest are counted).
const MAX_LISTED: usize = 6;

#[derive(Component)]
struct PhonePanel;

/// What the panel shows, to respawn it only when that changes.
#[derive(Resource, Default, PartialEq)]
struct Shown(String);

/// What the phone card's buttons do.
#[derive(Component, Message, Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhoneButton {
    /// Phones on or off (the server listens only while they are on).
    OnOff,
    /// New phones may join, or not (phones with a seat token still come back).
    Joining,
    /// The phones' address on the next network, where the computer is on several.
    Network,
}

pub(super) fn plugin(app: &mut App) {
    widgets::add_buttons::<PhoneButton>(app);
    app.init_resource::<Shown>();
    app.init_resource::<PhonesNotice>();
    app.add_systems(OnEnter(Screen::Lobby), forget_shown);
    app.add_systems(
        Update,
        (
            act_on_phone_buttons.in_set(AppSet::RecordInput),
            // After the lobby, its despawns and its new slot applied: a seat change that makes
            // both spawn again never touches what the lobby just despawned (two warnings each).
            spawn_panel.in_set(AppSet::Update).after(SpawnLobby),
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
    mut buttons: MessageReader<PhoneButton>,
    mut phones: Option<ResMut<Phones>>,
    texts: Res<Texts>,
    launch: Option<Res<Launch>>,
    mut notice: ResMut<PhonesNotice>,
    mut inputs: MessageWriter<PerformanceInput>,
    mut commands: Commands,
) {
    for button in buttons.read() {
        match (button, phones.as_deref_mut()) {
            (PhoneButton::OnOff, Some(_)) => {
                commands.remove_resource::<Phones>();
                inputs.write(PerformanceInput::PhonesOff);
                notice.0 = None;
            }
            (PhoneButton::OnOff, None) => {
                turn_phones_on(&mut commands, launch.as_deref(), &texts, &mut notice);
            }
            (PhoneButton::Joining, Some(p)) => p.server().set_joining(!p.server().joining()),
            (PhoneButton::Network, Some(p)) => p.next_network(),
            (PhoneButton::Joining | PhoneButton::Network, None) => {}
        }
    }
}

/// Who joined and is not on a seat (a seated phone's name stands on its seat): the audience and
/// the phones away, as lines of names, the first [`MAX_LISTED`] of them.
fn room_lines(phones: &Phones, setup: &Setup, texts: &Texts) -> Vec<String> {
    let list = phones.server().phones();
    if list.is_empty() {
        return vec![texts.t("phones-none")];
    }
    let mut audience = Vec::new();
    let mut away = Vec::new();
    for p in list {
        if !p.connected {
            away.push(p.name);
        } else if setup.phone_dept(p.phone).is_none() {
            audience.push(p.name);
        }
    }
    let named = |key: &str, names: Vec<String>| {
        let more = names.len().saturating_sub(MAX_LISTED);
        let mut list = names
            .into_iter()
            .take(MAX_LISTED)
            .collect::<Vec<_>>()
            .join(", ");
        if more > 0 {
            list.push_str(&format!(" +{more}"));
        }
        texts.t_args(key, &[("names", list.into())])
    };
    let mut lines = Vec::new();
    if !audience.is_empty() {
        lines.push(named("phones-in-audience", audience));
    }
    if !away.is_empty() {
        lines.push(named("phones-away-list", away));
    }
    lines
}

/// Spawns the card again whenever what it shows changes, or the lobby made a new slot for it.
fn spawn_panel(
    mut commands: Commands,
    phones: Option<Res<Phones>>,
    setup: Res<Setup>,
    texts: Res<Texts>,
    palette: Res<Palette>,
    notice: Res<PhonesNotice>,
    mut shown: ResMut<Shown>,
    old: Query<Entity, With<PhonePanel>>,
    slot: Query<(Entity, Ref<PhoneSlot>)>,
) {
    let Ok((slot, slot_ref)) = slot.single() else {
        return;
    };
    let panel = phones.as_deref().map(|p| Card {
        address: p.address(),
        code: p.server().code().to_string(),
        joining: p.server().joining(),
        network: (p.network().1 > 1).then(|| {
            let ip = p.network().0.to_string();
            texts.t_args("phones-network", &[("ip", ip.into())])
        }),
        qr: p.qr.clone(),
        lines: room_lines(p, &setup, &texts),
    });
    let now = format!("{panel:?}|{:?}", notice.0);
    if shown.0 == now && !old.is_empty() && !slot_ref.is_added() {
        return;
    }
    shown.0 = now;
    for e in &old {
        commands.entity(e).despawn();
    }
    commands.entity(slot).with_children(|p| {
        spawn_card(p, panel.as_ref(), notice.0.as_deref(), &texts, &palette);
    });
}

/// What the card shows while phones are on.
#[derive(Debug)]
struct Card {
    /// `http://IP:PORT`, to type (the QR code has the room code in it too).
    address: String,
    code: String,
    joining: bool,
    /// The network button's text, when there are several.
    network: Option<String>,
    qr: Option<Handle<Image>>,
    lines: Vec<String>,
}

/// The card under the lobby's options: off, a button to turn phones on; on, the QR code beside
/// how to join (the address and a large room code, legible across a room), joining open or
/// closed, the network, and who is in the audience or away. A `notice` (a taken port) comes last.
fn spawn_card(
    parent: &mut ChildSpawnerCommands,
    card: Option<&Card>,
    notice: Option<&str>,
    texts: &Texts,
    palette: &Palette,
) {
    let button = |text: String, action, order| {
        widgets::sized_button(text, action, order, palette, (120.0, 18.0))
    };
    parent
        .spawn((
            PhonePanel,
            Node {
                flex_direction: FlexDirection::Column,
                row_gap: px(6),
                ..default()
            },
        ))
        .with_children(|p| {
            if let Some(card) = card {
                spawn_join(p, card, texts, palette);
            }
            spawn_switches(p, card, texts, palette);
            if let Some(text) = card.and_then(|c| c.network.clone()) {
                p.spawn(button(text, PhoneButton::Network, 92));
            }
            for line in card.iter().flat_map(|c| c.lines.iter()) {
                p.spawn(widgets::label(line.clone(), 18.0, palette.text));
            }
            if let Some(notice) = notice {
                p.spawn((
                    widgets::label(notice.to_owned(), 18.0, palette.line),
                    Node {
                        max_width: px(420),
                        ..default()
                    },
                ));
            }
        });
}

/// Phones on or off, and (on) joining open or closed, side by side.
fn spawn_switches(
    p: &mut ChildSpawnerCommands,
    card: Option<&Card>,
    texts: &Texts,
    palette: &Palette,
) {
    let button = |key: &str, action, order| {
        widgets::sized_button(texts.t(key), action, order, palette, (120.0, 18.0))
    };
    p.spawn(Node {
        flex_direction: FlexDirection::Row,
        column_gap: px(8),
        ..default()
    })
    .with_children(|row| {
        let on = if card.is_some() {
            "phones-on"
        } else {
            "phones-off"
        };
        row.spawn(button(on, PhoneButton::OnOff, 90));
        if let Some(card) = card {
            let join = if card.joining {
                "phones-joining-open"
            } else {
                "phones-joining-closed"
            };
            row.spawn(button(join, PhoneButton::Joining, 91));
        }
    });
}

/// The QR code, and beside it the address and the room code.
fn spawn_join(p: &mut ChildSpawnerCommands, card: &Card, texts: &Texts, palette: &Palette) {
    p.spawn(Node {
        flex_direction: FlexDirection::Row,
        column_gap: px(12),
        align_items: AlignItems::Center,
        ..default()
    })
    .with_children(|row| {
        if let Some(qr) = card.qr.clone() {
            row.spawn((
                ImageNode::new(qr),
                Node {
                    width: px(170),
                    height: px(170),
                    ..default()
                },
            ));
        }
        row.spawn(Node {
            flex_direction: FlexDirection::Column,
            row_gap: px(2),
            max_width: px(230),
            ..default()
        })
        .with_children(|text| {
            text.spawn(widgets::label(texts.t("phones-join"), 18.0, palette.dim));
            text.spawn(widgets::label(card.address.clone(), 18.0, palette.text));
            text.spawn(widgets::label(
                texts.t("phones-room-label"),
                18.0,
                palette.dim,
            ));
            text.spawn(widgets::heading(card.code.clone(), 36.0, palette.line));
        });
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
