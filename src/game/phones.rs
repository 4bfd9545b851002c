//! Phones in the game: the server of [`crate::phones`] held as a resource while phones are on
//! (`tutti play FILE --phones PORT`, from start to exit). What the phones do becomes
//! [`PerformanceInput`] messages like keys and pads: a seat asked for or left in the lobby (the
//! [`Setup`] decides, the one record of who sits where; the phones are told its answer), a phone
//! away or back (the colleague plays its seat meanwhile), and a tap, a press at the song time it
//! was made (its stamp through the phone's clock offset, less the audio offset and the phone's
//! calibration), and a calibration from the lobby's tap-along. A tap's age is measured from the
//! moment the frame's song clock was sampled (`SongClockSampled`), so a stall later in the
//! frame never places it early. A tap that crossed the network later than
//! `NETWORK_ALLOWANCE_MS` is discarded and counted as late over the network. The phones hear
//! how each of their taps was judged. The lobby shows a QR code of the address.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};

pub(crate) use crate::phones::local_ips;
use std::time::Instant;

use bevy::asset::RenderAssetUsages;
use bevy::prelude::*;
use bevy::render::render_resource::{Extent3d, TextureDimension, TextureFormat};

use super::catalog::OnStage;
use super::performance::{Performance, PerformanceInput, Seat, Setup, SimEvent};
use crate::phones::{
    NETWORK_ALLOWANCE_MS, PhoneEvent, PhoneId, PhoneServer, SeatInfo, ServerConfig, ServerMsg,
};
use crate::scenario::{Department, DeptId};
use crate::sim::{EventKind, Press};
use crate::states::{AppSet, Launch, Screen};

/// The phones' server and what the game keeps of the room.
#[derive(Resource)]
pub struct Phones {
    server: PhoneServer,
    /// The address phones open, with the room code: `http://IP:PORT/?room=CODE`.
    pub url: String,
    /// This machine's addresses on its networks (the facilitator picks the phones' one).
    ips: Vec<IpAddr>,
    /// The one in [`Phones::url`].
    ip: usize,
    /// Taps that reached the game after the allowance, this performance.
    pub late_network: u32,
    /// The QR code of [`Phones::url`], once drawn.
    pub qr: Option<Handle<Image>>,
}

impl Phones {
    /// Listens on every interface at `port` (0: any free port).
    pub fn start(port: u16, lang: &str) -> std::io::Result<Phones> {
        Phones::start_on(SocketAddr::from((Ipv4Addr::UNSPECIFIED, port)), lang)
    }

    /// Listens on `addr` (tests: 127.0.0.1, port 0).
    pub fn start_on(addr: SocketAddr, lang: &str) -> std::io::Result<Phones> {
        let server = PhoneServer::bind(
            addr,
            ServerConfig {
                lang: lang.to_owned(),
                ..ServerConfig::default()
            },
        )?;
        let ips = if addr.ip().is_unspecified() {
            local_ips()
        } else {
            vec![addr.ip()]
        };
        let url = url_of(ips[0], &server);
        Ok(Phones {
            server,
            url,
            ips,
            ip: 0,
            late_network: 0,
            qr: None,
        })
    }

    /// The network the address is on, and how many there are.
    pub fn network(&self) -> (IpAddr, usize) {
        (self.ips[self.ip], self.ips.len())
    }

    /// Shows the address on the next network (the QR code is drawn again).
    pub(crate) fn next_network(&mut self) {
        self.ip = (self.ip + 1) % self.ips.len();
        self.url = url_of(self.ips[self.ip], &self.server);
        self.qr = None;
    }

    /// The address to type on a phone, `http://IP:PORT` (the page asks for the room code).
    pub fn address(&self) -> String {
        format!("http://{}:{}", self.ips[self.ip], self.server.addr().port())
    }

    /// The server (the room code, its phones).
    pub fn server(&self) -> &PhoneServer {
        &self.server
    }
}

/// `http://IP:PORT/?room=CODE`.
fn url_of(ip: IpAddr, server: &PhoneServer) -> String {
    format!(
        "http://{ip}:{}/?room={}",
        server.addr().port(),
        server.code()
    )
}

/// When this frame's song clock was sampled: a phone's tap is as old as it was then, since the
/// song time a press is placed at is the clock's.
#[derive(Resource, Debug, Default, Clone, Copy)]
pub(crate) struct SongClockSampled(pub Option<Instant>);

impl SongClockSampled {
    /// How long ago the song clock was sampled, ms (0 before the first frame).
    fn ago_ms(&self) -> f64 {
        self.0.map_or(0.0, |at| at.elapsed().as_secs_f64() * 1000.0)
    }
}

/// Right after the song clock steps: notes the moment.
fn note_song_clock_sample(mut sampled: ResMut<SongClockSampled>) {
    sampled.0 = Some(Instant::now());
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<SongClockSampled>();
    app.init_resource::<SeatAsks>();
    app.add_systems(Startup, start_phones);
    app.add_systems(
        Update,
        (
            note_song_clock_sample
                .in_set(AppSet::TickClock)
                .after(super::performance::SongClockStep),
            read_phones.in_set(AppSet::RecordInput),
            (answer_seats, tell_judgements, draw_qr).in_set(AppSet::Update),
        ),
    );
    app.add_systems(OnEnter(Screen::CountIn), forget_late_taps);
}

/// `--phones PORT`: the server listens from the start (the port was checked before).
fn start_phones(
    launch: Option<Res<Launch>>,
    texts: Option<Res<crate::ui::i18n::Texts>>,
    mut commands: Commands,
) {
    let Some(port) = launch.and_then(|l| l.phones) else {
        return;
    };
    let lang = texts.map_or("en", |t| t.lang.code());
    match Phones::start(port, lang) {
        Ok(p) => {
            info!("phones: open {} (room code {})", p.url, p.server.code());
            commands.insert_resource(p);
        }
        Err(e) => error!("phones: cannot listen on port {port}: {e}"),
    }
}

fn forget_late_taps(phones: Option<ResMut<Phones>>) {
    if let Some(mut p) = phones {
        p.late_network = 0;
    }
}

/// Turns what the phones did since the last frame into performance inputs; their seat requests
/// are kept to be answered once the setup took them in ([`answer_seats`]).
fn read_phones(
    phones: Option<ResMut<Phones>>,
    perf: Option<Res<Performance>>,
    setup: Res<Setup>,
    state: Res<State<Screen>>,
    settings: Option<Res<crate::settings::Settings>>,
    sampled: Res<SongClockSampled>,
    mut asks: ResMut<SeatAsks>,
    mut out: MessageWriter<PerformanceInput>,
) {
    let Some(mut phones) = phones else { return };
    let offset = settings.map_or(0.0, |s| f64::from(s.audio_offset_ms));
    // The server's clock when the song clock was sampled: a tap's age is counted to then.
    let sampled_ms = phones.server.now_ms() - sampled.ago_ms();
    for event in phones.server.poll() {
        let input = match event {
            PhoneEvent::SeatWanted { .. } | PhoneEvent::SeatLeft { .. } => {
                seat_request(event, &setup, &mut asks)
            }
            PhoneEvent::Joined { .. } => None,
            PhoneEvent::Away { phone } | PhoneEvent::Back { phone } => {
                let connected = matches!(event, PhoneEvent::Back { .. });
                Some(PerformanceInput::PhoneConnection { phone, connected })
            }
            PhoneEvent::Calibrated { phone, ms } => {
                Some(PerformanceInput::PhoneCalibration { phone, ms })
            }
            PhoneEvent::Tap {
                phone,
                at_ms,
                received_ms,
            } => {
                if *state.get() != Screen::Playing {
                    continue;
                }
                let times = TapTimes {
                    at_ms,
                    received_ms,
                    sampled_ms,
                };
                phones
                    .tap_press(phone, times, perf.as_deref(), &setup, offset)
                    .map(PerformanceInput::Press)
            }
        };
        if let Some(input) = input {
            out.write(input);
        }
    }
}

/// A phone's seat request as the input that asks the setup for it (kept in `asks` to be
/// answered).
fn seat_request(event: PhoneEvent, setup: &Setup, asks: &mut SeatAsks) -> Option<PerformanceInput> {
    let (phone, dept, name) = match event {
        PhoneEvent::SeatWanted { phone, dept, name } => (phone, Some(dept), name),
        PhoneEvent::SeatLeft { phone } => (phone, None, setup.phone_name(phone).to_owned()),
        _ => return None,
    };
    asks.0.push(SeatAsk {
        phone,
        dept,
        held: setup.phone_dept(phone),
    });
    Some(PerformanceInput::PhoneSeat {
        phone,
        dept: dept.map(DeptId),
        name,
    })
}

/// A phone's seat request (`dept`, or `None` for the audience) waiting for the setup's answer,
/// with the seat the phone held when it asked.
#[derive(Debug, Clone, Copy)]
struct SeatAsk {
    phone: PhoneId,
    dept: Option<usize>,
    held: Option<DeptId>,
}

/// This frame's seat requests, in the order they came.
#[derive(Resource, Debug, Default)]
struct SeatAsks(Vec<SeatAsk>);

impl Phones {
    /// A seated phone's tap made at game time `at_ms` as a press: at the song time its player
    /// meant (the song clock as sampled this frame, less the tap's age then, the audio offset and
    /// the phone's calibration). A tap that
    /// crossed the network later than [`NETWORK_ALLOWANCE_MS`] is counted, told to the phone and
    /// discarded; calibration and audio offset are not the network's and never make a tap late.
    fn tap_press(
        &mut self,
        phone: PhoneId,
        times: TapTimes,
        perf: Option<&Performance>,
        setup: &Setup,
        offset: f64,
    ) -> Option<Press> {
        let dept = setup.phone_dept(phone)?;
        let perf = perf?;
        // Late over the network: from the tap to the server, never the wait for the game's frame.
        if times.received_ms - times.at_ms > NETWORK_ALLOWANCE_MS {
            self.late_network += 1;
            let what = "late_network".to_owned();
            self.server
                .send(phone, ServerMsg::Judged { what, drop: false });
            return None;
        }
        let ago = (times.sampled_ms - times.at_ms).max(0.0);
        let shift = ago + offset + setup.phone_calibration(phone);
        Some(Press::new(perf.press_time(shift), dept))
    }
}

/// When a tap was made, when it reached the server and when this frame's song clock was sampled,
/// all on the server's clock (ms).
#[derive(Debug, Clone, Copy)]
struct TapTimes {
    at_ms: f64,
    received_ms: f64,
    sampled_ms: f64,
}

/// One department as the phones see it.
pub fn seat_info(d: usize, dept: &Department, taken_by: Option<String>) -> SeatInfo {
    let c = dept.color;
    SeatInfo {
        dept: d,
        name: dept.name.clone(),
        instrument: format!("{:?}", dept.instrument).to_lowercase(),
        colour: format!("#{:02x}{:02x}{:02x}", c.0, c.1, c.2),
        shape: format!("{:?}", dept.shape).to_lowercase(),
        taken_by,
    }
}

/// The game's answer to the phones once this frame's inputs changed the setup (the one record of
/// who sits where): seating is open only in the lobby; a seat asked for and not given is refused
/// (`taken`, or `seating_closed` when the lobby ended before the setup took the request in);
/// every phone is told the seat the setup gives it, then the seats are shown with who sits there.
fn answer_seats(
    phones: Option<Res<Phones>>,
    setup: Res<Setup>,
    state: Res<State<Screen>>,
    stage: OnStage,
    mut asks: ResMut<SeatAsks>,
) {
    let asks = std::mem::take(&mut asks.0);
    let Some(phones) = phones else { return };
    let lobby = *state.get() == Screen::Lobby;
    phones.server.set_seating(lobby);
    refuse_seats(&phones.server, &asks, &setup, lobby);
    if asks.is_empty() && !setup.is_changed() && !phones.is_added() {
        return;
    }
    for p in phones.server.phones() {
        let seat = setup.phone_dept(p.phone).map(|d| d.0);
        phones.server.tell_seat(p.phone, seat);
    }
    if let Some(s) = stage.scenario() {
        phones.server.set_seats(seats_shown(&s.departments, &setup));
    }
}

/// Refuses each seat asked for that the setup did not give: a phone's last request this frame
/// (an earlier one was answered by the next), for a seat it did not already hold.
fn refuse_seats(server: &PhoneServer, asks: &[SeatAsk], setup: &Setup, lobby: bool) {
    for (i, ask) in asks.iter().enumerate() {
        let Some(dept) = ask.dept.map(DeptId) else {
            continue;
        };
        if asks[i + 1..].iter().any(|later| later.phone == ask.phone) {
            continue;
        }
        let given = setup.phone_dept(ask.phone) == Some(dept) && ask.held != Some(dept);
        let reason = match (lobby, given) {
            (_, true) => continue,
            (true, false) => "taken",
            (false, false) => "seating_closed",
        };
        let reason = reason.to_owned();
        server.send(ask.phone, ServerMsg::Refused { reason });
    }
}

/// The level's seats as the phones see them: who sits on each (a phone's player by name, a key
/// or pad as "—"), free ones for the colleague's.
fn seats_shown(departments: &[Department], setup: &Setup) -> Vec<SeatInfo> {
    departments
        .iter()
        .enumerate()
        .map(|(d, dept)| {
            let taken_by = match setup.seat(DeptId(d)) {
                Seat::Colleague => None,
                Seat::Keyboard | Seat::Pad(_) => Some("—".to_owned()),
                Seat::Phone(p) => Some(setup.phone_name(p.phone).to_owned()),
            };
            seat_info(d, dept, taken_by)
        })
        .collect()
}

/// Tells a seated phone how its department's notes went: judged, stray, or dropped (it vibrates).
fn tell_judgements(
    phones: Option<Res<Phones>>,
    perf: Option<Res<Performance>>,
    setup: Res<Setup>,
    mut events: MessageReader<SimEvent>,
) {
    let (Some(phones), Some(perf)) = (phones, perf) else {
        events.clear();
        return;
    };
    let phone_of = |d: DeptId| match setup.seat(d) {
        Seat::Phone(p) => Some(p.phone),
        _ => None,
    };
    for SimEvent(e) in events.read() {
        let (dept, what, drop) = match &e.kind {
            EventKind::Played {
                dept, judgement, ..
            } => (
                *dept,
                format!("{:?}", judgement.grade).to_lowercase(),
                false,
            ),
            EventKind::Stray { dept } => (*dept, "stray".to_owned(), false),
            EventKind::DoubleWork { dept, .. } => (*dept, "double".to_owned(), false),
            EventKind::Dropped { case, step } => {
                let Some(d) = dropped_owner(&perf, *case, *step) else {
                    continue;
                };
                (d, "drop".to_owned(), true)
            }
            _ => continue,
        };
        if let Some(phone) = phone_of(dept) {
            phones.server.send(phone, ServerMsg::Judged { what, drop });
        }
    }
}

/// The department whose own note a dropped step was, if any.
fn dropped_owner(perf: &Performance, case: crate::sim::CaseId, step: usize) -> Option<DeptId> {
    let template = perf.score().case(case)?.template;
    match perf
        .scenario()
        .cases
        .get(template.0)?
        .steps
        .get(step)?
        .owner
    {
        crate::scenario::Owner::Dept(d) => Some(d),
        crate::scenario::Owner::Gap(_) => None,
    }
}

/// Draws the address's QR code into an image once (dark modules on white, a quiet zone of 4).
fn draw_qr(phones: Option<ResMut<Phones>>, images: Option<ResMut<Assets<Image>>>) {
    let (Some(mut phones), Some(mut images)) = (phones, images) else {
        return;
    };
    if phones.qr.is_some() {
        return;
    }
    let Some(image) = qr_image(&phones.url) else {
        return;
    };
    phones.qr = Some(images.add(image));
}

/// The QR code of `text` as an RGBA image, one pixel a module.
pub(crate) fn qr_image(text: &str) -> Option<Image> {
    let code = qrcode::QrCode::new(text.as_bytes()).ok()?;
    let width = code.width();
    let quiet = 4;
    let size = width + 2 * quiet;
    let colors = code.to_colors();
    let mut data = Vec::with_capacity(size * size * 4);
    for y in 0..size {
        for x in 0..size {
            let inside = (quiet..quiet + width).contains(&x) && (quiet..quiet + width).contains(&y);
            let dark = inside && colors[(y - quiet) * width + (x - quiet)] == qrcode::Color::Dark;
            let v = if dark { 0 } else { 255 };
            data.extend_from_slice(&[v, v, v, 255]);
        }
    }
    let mut image = Image::new(
        Extent3d {
            width: size as u32,
            height: size as u32,
            depth_or_array_layers: 1,
        },
        TextureDimension::D2,
        data,
        TextureFormat::Rgba8UnormSrgb,
        RenderAssetUsages::default(),
    );
    image.sampler = bevy::image::ImageSampler::nearest();
    Some(image)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn there_is_always_an_address_to_show() {
        let ips = local_ips();
        assert!(!ips.is_empty());
        assert!(ips.iter().all(|ip| !ip.is_unspecified()));
        let mut phones = Phones::start_on("127.0.0.1:0".parse().unwrap(), "en").unwrap();
        assert!(phones.url.starts_with("http://127.0.0.1:"));
        assert_eq!(phones.network().1, 1);
        phones.next_network();
        assert!(phones.url.contains("?room="));
    }

    #[test]
    fn the_qr_code_is_square_with_a_white_quiet_zone() {
        let image = qr_image("http://192.168.1.20:8765/?room=ABCD").unwrap();
        let size = image.width();
        assert_eq!(size, image.height());
        assert!(size >= 21 + 8);
        let data = image.data.as_ref().unwrap();
        assert!(data[..size as usize * 4].iter().all(|&b| b == 255));
        assert!(data.chunks(4).any(|px| px[0] == 0), "dark modules");
    }
}
