//! A second client, written from `docs/phones.md` ("The protocol") alone: its own messages,
//! read from JSON by hand, never the crate's protocol types, so that the page, the server and
//! the document cannot drift apart together. Every message the server sends must read as the
//! document says (its documented fields there, of their documented types); every answer must be
//! the one the document promises. (The tests below set up the room through the server's handle,
//! as the game does.)

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, Instant};

use serde_json::{Map, Value};
use tungstenite::{Message, WebSocket};

/// The protocol's version, as the document gives it.
const VERSION: u64 = 2;
/// The longest message a phone may send, as the document gives it.
const LONGEST: usize = 2048;

/// One seat of a `seats` message.
#[derive(Debug, Clone, PartialEq)]
struct Seat {
    dept: u64,
    name: String,
    instrument: String,
    colour: String,
    shape: String,
    taken_by: Option<String>,
}

/// One answer of a `vote`.
#[derive(Debug, Clone, PartialEq)]
struct Answer {
    dept: Option<u64>,
    name: String,
    colour: String,
    shape: String,
}

/// A message from the game, as the document lists them.
#[derive(Debug, Clone, PartialEq)]
enum FromGame {
    Welcome {
        v: u64,
        phone: u64,
        token: String,
        seat: Option<u64>,
        lang: String,
    },
    Seats(Vec<Seat>),
    Seating(bool),
    Seated(u64),
    Unseated,
    Ping(f64),
    Judged {
        what: String,
        drop: bool,
    },
    Refused(String),
    Customer {
        text: String,
        lost: bool,
        at: u64,
        dropped: bool,
        /// What the scenario calls the one who waits ("" when left out).
        who: String,
        /// `number` and `path`, with a customer.
        customer: Option<(u64, Vec<(String, String)>)>,
    },
    Vote {
        id: u64,
        /// The question in the game's words ("" when left out).
        question: String,
        call: String,
        case: String,
        options: Vec<Answer>,
        chosen: Option<u64>,
    },
    Voted(u64),
    VoteClosed,
    Info(String),
}

/// The fields of a message, read strictly as documented.
struct Fields<'a>(&'a Map<String, Value>);

impl Fields<'_> {
    fn get(&self, name: &str) -> Result<&Value, String> {
        self.0.get(name).ok_or(format!("no field `{name}`"))
    }
    /// A string field the documentation says may be left out ("" then).
    fn string_or_empty(&self, name: &str) -> Result<String, String> {
        match self.0.get(name) {
            None => Ok(String::new()),
            Some(_) => self.string(name),
        }
    }
    fn string(&self, name: &str) -> Result<String, String> {
        self.get(name)?
            .as_str()
            .map(str::to_owned)
            .ok_or(format!("`{name}` is no string"))
    }
    fn whole(&self, name: &str) -> Result<u64, String> {
        self.get(name)?
            .as_u64()
            .ok_or(format!("`{name}` is no whole number"))
    }
    fn ms(&self, name: &str) -> Result<f64, String> {
        self.get(name)?
            .as_f64()
            .filter(|x| x.is_finite())
            .ok_or(format!("`{name}` is no finite number"))
    }
    fn boolean(&self, name: &str) -> Result<bool, String> {
        self.get(name)?
            .as_bool()
            .ok_or(format!("`{name}` is no boolean"))
    }
    fn whole_or_null(&self, name: &str) -> Result<Option<u64>, String> {
        match self.get(name)? {
            Value::Null => Ok(None),
            v => v
                .as_u64()
                .map(Some)
                .ok_or(format!("`{name}` is neither whole nor null")),
        }
    }
    fn list(&self, name: &str) -> Result<&Vec<Value>, String> {
        self.get(name)?
            .as_array()
            .ok_or(format!("`{name}` is no list"))
    }
}

fn object(v: &Value) -> Result<Fields<'_>, String> {
    v.as_object().map(Fields).ok_or(format!("{v} is no object"))
}

/// `#rrggbb`.
fn colour(c: String) -> Result<String, String> {
    let ok = c.len() == 7 && c.starts_with('#') && c[1..].chars().all(|x| x.is_ascii_hexdigit());
    if ok {
        Ok(c)
    } else {
        Err(format!("colour {c}"))
    }
}

/// A department's shape, as the document names them.
fn shape(s: String) -> Result<String, String> {
    const SHAPES: [&str; 8] = [
        "circle", "square", "triangle", "diamond", "star", "hexagon", "cross", "heart",
    ];
    if SHAPES.contains(&s.as_str()) {
        Ok(s)
    } else {
        Err(format!("shape {s}"))
    }
}

/// Reads one of the game's messages, as the document describes it.
fn read(text: &str) -> Result<FromGame, String> {
    let value: Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
    let f = object(&value)?;
    let kind = f.string("type")?;
    Ok(match kind.as_str() {
        "welcome" => {
            let token = f.string("token")?;
            if token.len() != 32 || !token.chars().all(|c| c.is_ascii_hexdigit()) {
                return Err(format!("token {token}"));
            }
            let lang = f.string("lang")?;
            if lang != "en" && lang != "da" {
                return Err(format!("lang {lang}"));
            }
            FromGame::Welcome {
                v: f.whole("v")?,
                phone: f.whole("phone")?,
                token,
                seat: f.whole_or_null("seat")?,
                lang,
            }
        }
        "seats" => FromGame::Seats(
            f.list("seats")?
                .iter()
                .map(|s| {
                    let s = object(s)?;
                    let taken_by = match s.get("taken_by")? {
                        Value::Null => None,
                        Value::String(who) => Some(who.clone()),
                        other => return Err(format!("taken_by {other}")),
                    };
                    let instrument = s.string("instrument")?;
                    if instrument.to_lowercase() != instrument {
                        return Err(format!("instrument {instrument}"));
                    }
                    Ok(Seat {
                        dept: s.whole("dept")?,
                        name: s.string("name")?,
                        instrument,
                        colour: colour(s.string("colour")?)?,
                        shape: shape(s.string("shape")?)?,
                        taken_by,
                    })
                })
                .collect::<Result<_, String>>()?,
        ),
        "seating" => FromGame::Seating(f.boolean("open")?),
        "seated" => FromGame::Seated(f.whole("dept")?),
        "unseated" => FromGame::Unseated,
        "ping" => FromGame::Ping(f.ms("s")?),
        "judged" => FromGame::Judged {
            what: f.string("what")?,
            drop: f.boolean("drop")?,
        },
        "refused" => FromGame::Refused(f.string("reason")?),
        "customer" => {
            let customer = match (f.0.get("number"), f.0.get("path")) {
                (None, None) => None,
                _ => {
                    let path = f
                        .list("path")?
                        .iter()
                        .map(|step| {
                            let step = object(step)?;
                            let shape = step.string("shape")?;
                            let colour = colour(step.string("colour")?)?;
                            if shape == "gap" && colour != "#8a8f98" {
                                return Err(format!("a gap of colour {colour}"));
                            }
                            Ok((colour, shape))
                        })
                        .collect::<Result<_, String>>()?;
                    Some((f.whole("number")?, path))
                }
            };
            FromGame::Customer {
                text: f.string("text")?,
                lost: f.boolean("lost")?,
                at: f.whole("at")?,
                dropped: f.boolean("dropped")?,
                who: f.string_or_empty("who")?,
                customer,
            }
        }
        "vote" => FromGame::Vote {
            id: f.whole("id")?,
            question: f.string_or_empty("question")?,
            call: f.string("call")?,
            case: f.string("case")?,
            options: f
                .list("options")?
                .iter()
                .map(|o| {
                    let o = object(o)?;
                    Ok(Answer {
                        dept: o.whole_or_null("dept")?,
                        name: o.string("name")?,
                        colour: colour(o.string("colour")?)?,
                        shape: o.string("shape")?,
                    })
                })
                .collect::<Result<_, String>>()?,
            chosen: f.whole_or_null("chosen")?,
        },
        "voted" => FromGame::Voted(f.whole("option")?),
        "vote_closed" => FromGame::VoteClosed,
        "info" => FromGame::Info(f.string("text")?),
        other => return Err(format!("no message of type {other}")),
    })
}

/// A controller of our own: a WebSocket to `/ws`, answering each `ping` with a `pong` at once on
/// its own clock.
struct DocPhone {
    ws: WebSocket<TcpStream>,
    clock: Instant,
}

impl DocPhone {
    fn open(addr: SocketAddr) -> DocPhone {
        let stream = TcpStream::connect(addr).unwrap();
        let (ws, _) = tungstenite::client(format!("ws://{addr}/ws"), stream).unwrap();
        ws.get_ref()
            .set_read_timeout(Some(Duration::from_millis(10)))
            .unwrap();
        DocPhone {
            ws,
            clock: Instant::now(),
        }
    }

    fn now(&self) -> f64 {
        self.clock.elapsed().as_secs_f64() * 1000.0 + 5_000.0
    }

    fn send(&mut self, text: &str) {
        self.ws.send(Message::text(text)).unwrap();
    }

    /// The game's messages for `time` (the pings answered and left out), or an error when the
    /// connection ended.
    fn during(&mut self, time: Duration) -> Result<Vec<FromGame>, String> {
        let end = Instant::now() + time;
        let mut got = Vec::new();
        while Instant::now() < end {
            match self.next_within(end) {
                Ok(Some(m)) => got.push(m),
                Ok(None) => {}
                Err(e) => return Err(e),
            }
        }
        Ok(got)
    }

    /// The next message that is not a ping, by `end`.
    fn next_within(&mut self, end: Instant) -> Result<Option<FromGame>, String> {
        while Instant::now() < end {
            let text = match self.ws.read() {
                Ok(Message::Text(t)) => t.to_string(),
                Ok(Message::Close(_)) => return Err("closed".into()),
                Ok(_) => continue,
                Err(tungstenite::Error::Io(e))
                    if matches!(
                        e.kind(),
                        std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                    ) =>
                {
                    continue;
                }
                Err(e) => return Err(e.to_string()),
            };
            let msg = read(&text).unwrap_or_else(|e| panic!("{text}: {e}"));
            if let FromGame::Ping(s) = msg {
                let p = self.now();
                self.send(&format!(r#"{{"type":"pong","s":{s},"p":{p}}}"#));
                continue;
            }
            return Ok(Some(msg));
        }
        Ok(None)
    }

    /// The next message (not a ping), within 5 s.
    fn next(&mut self) -> FromGame {
        self.next_within(Instant::now() + Duration::from_secs(5))
            .unwrap()
            .expect("a message within 5 s")
    }

    /// Skips messages until one `is`.
    fn until(&mut self, is: impl Fn(&FromGame) -> bool) -> FromGame {
        let end = Instant::now() + Duration::from_secs(5);
        while let Some(m) = self.next_within(end).unwrap() {
            if is(&m) {
                return m;
            }
        }
        panic!("no such message within 5 s");
    }

    /// The next refusal's reason (other messages skipped).
    fn refused(&mut self) -> String {
        match self.until(|m| matches!(m, FromGame::Refused(_))) {
            FromGame::Refused(r) => r,
            _ => unreachable!(),
        }
    }

    /// Nothing but pings for a while.
    fn silent(&mut self, time: Duration) {
        let got = self.during(time).unwrap();
        assert!(got.is_empty(), "expected no answer, got {got:?}");
    }

    fn hello(&mut self, room: &str, name: &str, token: Option<&str>) {
        let token = token.map_or("null".into(), |t| format!("\"{t}\""));
        self.send(&format!(
            r#"{{"type":"hello","v":{VERSION},"room":"{room}","name":"{name}","token":{token}}}"#
        ));
    }

    /// Joins: `welcome`, then `seats`, then `seating`, in that order.
    fn join(&mut self, room: &str, name: &str, token: Option<&str>) -> (FromGame, Vec<Seat>) {
        self.hello(room, name, token);
        let welcome = self.next();
        assert!(
            matches!(welcome, FromGame::Welcome { v: VERSION, .. }),
            "{welcome:?}"
        );
        let FromGame::Seats(seats) = self.next() else {
            panic!("seats after welcome")
        };
        assert!(matches!(self.next(), FromGame::Seating(_)), "seating next");
        (welcome, seats)
    }
}

fn token_of(welcome: &FromGame) -> String {
    match welcome {
        FromGame::Welcome { token, .. } => token.clone(),
        other => panic!("{other:?}"),
    }
}

/// A whole HTTP exchange: the answer's status line and its text.
fn http(addr: SocketAddr, request: &str) -> String {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    s.write_all(request.as_bytes()).unwrap();
    let mut out = String::new();
    let _ = s.read_to_string(&mut out);
    out
}

#[test]
fn the_page_and_the_socket_are_where_the_document_says() {
    let s = super::server(2);
    let addr = s.addr();
    for path in ["/", "/index.html", "/?room=ABCD&lang=da"] {
        let page = http(addr, &format!("GET {path} HTTP/1.1\r\nHost: x\r\n\r\n"));
        assert!(page.starts_with("HTTP/1.1 200"), "{path}: {page:.60}");
        assert!(page.contains("text/html"), "{path}");
    }
    assert!(http(addr, "GET /other HTTP/1.1\r\nHost: x\r\n\r\n").starts_with("HTTP/1.1 404"));
    let other = format!(
        "GET /ws HTTP/1.1\r\nHost: {addr}\r\nOrigin: http://elsewhere.example\r\n\
         Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\n\
         Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n"
    );
    assert!(http(addr, &other).starts_with("HTTP/1.1 403"));
    let own = other.replace("http://elsewhere.example", &format!("http://{addr}"));
    let mut sock = TcpStream::connect(addr).unwrap();
    sock.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    sock.write_all(own.as_bytes()).unwrap();
    let mut buf = [0u8; 12];
    sock.read_exact(&mut buf).unwrap();
    assert_eq!(&buf, b"HTTP/1.1 101");
}

/// Joining, seats, taps, calibration, a vote and coming back, message by message as the
/// document has them.
#[test]
fn a_phone_plays_through_the_documented_protocol() {
    let s = super::server(3);
    let room = s.code().to_string().to_lowercase();
    let mut ann = DocPhone::open(s.addr());
    // A message before hello is ignored.
    ann.send(r#"{"type":"seat","dept":0}"#);
    ann.silent(Duration::from_millis(200));
    let (welcome, seats) = ann.join(&format!(" {room} "), "  Ann ", None);
    let FromGame::Welcome {
        phone, seat, lang, ..
    } = &welcome
    else {
        unreachable!()
    };
    assert_eq!((*phone, *seat, lang.as_str()), (0, None, "en"));
    assert_eq!(seats.len(), 3);
    assert!(seats.iter().enumerate().all(|(d, x)| x.dept == d as u64));
    assert!(seats.iter().all(|x| x.taken_by.is_none()));
    assert!(
        seats
            .iter()
            .all(|x| !x.name.is_empty() && !x.instrument.is_empty())
    );
    assert!(
        seats
            .iter()
            .all(|x| x.colour.starts_with('#') && !x.shape.is_empty())
    );
    // Pings come, the first ones quickly; they were answered while reading.
    let start = Instant::now();
    let mut pings = 0;
    while start.elapsed() < Duration::from_millis(1500) {
        if let Ok(Message::Text(t)) = ann.ws.read()
            && let Ok(FromGame::Ping(s)) = read(t.as_str())
        {
            pings += 1;
            let p = ann.now();
            ann.send(&format!(r#"{{"type":"pong","s":{s},"p":{p}}}"#));
        }
    }
    assert!(pings >= 5, "{pings} pings in 1.5 s");

    // A seat: seated, and the seats say who sits there.
    ann.send(r#"{"type":"seat","dept":2}"#);
    assert_eq!(ann.next(), FromGame::Seated(2));
    let FromGame::Seats(now) = ann.until(|m| matches!(m, FromGame::Seats(_))) else {
        unreachable!()
    };
    assert_eq!(now[2].taken_by.as_deref(), Some("Ann"));
    // A tap of a seated phone reaches the game; a calibration has no answer.
    let mut seen = Vec::new();
    let t = ann.now();
    ann.send(&format!(r#"{{"type":"tap","t":{t}}}"#));
    super::wait_event(
        &s,
        &mut seen,
        |e| matches!(e, tutti::phones::PhoneEvent::Tap { phone, .. } if s.seat_of(*phone) == Some(2)),
    );
    ann.send(r#"{"type":"calibrate","ms":40}"#);
    ann.silent(Duration::from_millis(200));
    // Ignored without an answer: garbage, an unknown type, an unknown field, a fraction where a
    // whole number belongs, a binary frame, a second hello.
    for ignored in [
        "not json",
        r#"{"type":"dance"}"#,
        r#"{"type":"seat","dept":1,"please":true}"#,
        r#"{"type":"seat","dept":1.0}"#,
        r#"{"type":"seat","dept":-1}"#,
        r#"{"type":"tap"}"#,
    ] {
        ann.send(ignored);
    }
    ann.ws.send(Message::binary(vec![1u8; 100])).unwrap();
    ann.hello(&room, "Ann again", None);
    ann.silent(Duration::from_millis(300));
    // Too long: refused, and nothing else changes.
    let long = format!(r#"{{"type":"tap","t":1,"x":"{}"}}"#, "y".repeat(LONGEST));
    ann.send(&long);
    assert_eq!(ann.refused(), "too_long");
    // Moving: unseated, then seated.
    ann.send(r#"{"type":"seat","dept":0}"#);
    assert_eq!(ann.next(), FromGame::Unseated);
    assert_eq!(
        ann.until(|m| !matches!(m, FromGame::Seats(_))),
        FromGame::Seated(0)
    );
    // A seat that is not free, or not there: taken.
    let mut bo = DocPhone::open(s.addr());
    bo.join(&room, "Bo", None);
    for dept in [0, 3] {
        bo.send(&format!(r#"{{"type":"seat","dept":{dept}}}"#));
        assert_eq!(bo.refused(), "taken");
    }

    // The vote: shown, chosen, refused, closed.
    s.open_vote(super::vote::question(7));
    let FromGame::Vote {
        id,
        options,
        chosen,
        call,
        case,
        question,
    } = ann.until(|m| matches!(m, FromGame::Vote { .. }))
    else {
        unreachable!()
    };
    assert_eq!((id, chosen), (7, None));
    assert_eq!(question, "Who should have given the customer the answer?");
    assert!(!call.is_empty() && !case.is_empty());
    assert!(options.iter().any(|o| o.dept.is_none()), "nobody's job");
    assert!(
        options
            .iter()
            .all(|o| !o.name.is_empty() && !o.shape.is_empty())
    );
    assert!(options.iter().all(|o| !o.colour.is_empty()));
    ann.send(r#"{"type":"vote","option":1}"#);
    assert_eq!(ann.next(), FromGame::Voted(1));
    ann.send(&format!(r#"{{"type":"vote","option":{}}}"#, options.len()));
    assert_eq!(ann.refused(), "vote_option");
    s.close_vote();
    assert_eq!(ann.next(), FromGame::VoteClosed);
    ann.send(r#"{"type":"vote","option":1}"#);
    assert_eq!(ann.refused(), "vote_closed");

    // Seating closed: seat, audience and calibrate refused; the phone keeps its seat.
    s.set_seating(false);
    assert_eq!(ann.next(), FromGame::Seating(false));
    for ask in [
        r#"{"type":"seat","dept":1}"#,
        r#"{"type":"audience"}"#,
        r#"{"type":"calibrate","ms":1}"#,
    ] {
        ann.send(ask);
        assert_eq!(ann.refused(), "seating_closed", "{ask}");
    }
    s.set_seating(true);
    assert_eq!(ann.next(), FromGame::Seating(true));

    // Coming back with the token: the same phone, its seat, its first name; the old connection
    // is closed.
    let token = token_of(&welcome);
    let mut again = DocPhone::open(s.addr());
    let (back, seats) = again.join(&room, "Someone else", Some(&token));
    assert!(
        matches!(
            back,
            FromGame::Welcome {
                phone: 0,
                seat: Some(0),
                ..
            }
        ),
        "{back:?}"
    );
    assert_eq!(seats[0].taken_by.as_deref(), Some("Ann"));
    assert!(
        ann.during(Duration::from_secs(2)).is_err(),
        "the old one closed"
    );
    // Leaving for the audience: unseated; again (once the seat changes allow one more), no
    // answer.
    again.send(r#"{"type":"audience"}"#);
    assert_eq!(again.next(), FromGame::Unseated);
    again.during(Duration::from_millis(2100)).unwrap();
    again.send(r#"{"type":"audience"}"#);
    again.silent(Duration::from_millis(300));
}

/// The game's other messages, as the game sends them through the server, read as documented.
#[test]
fn what_the_game_tells_a_phone_reads_as_documented() {
    use tutti::phones::{PathStep, ServerMsg};
    let s = super::server(1);
    let mut a = DocPhone::open(s.addr());
    a.join(s.code().as_str(), "Ann", None);
    let phone = s.phones()[0].phone;
    s.send(
        phone,
        ServerMsg::Judged {
            what: "perfect".into(),
            drop: false,
        },
    );
    assert_eq!(
        a.next(),
        FromGame::Judged {
            what: "perfect".into(),
            drop: false
        }
    );
    s.send(
        phone,
        ServerMsg::Customer {
            text: "waiting".into(),
            lost: false,
            who: String::new(),
            number: None,
            path: Vec::new(),
            at: 0,
            dropped: false,
        },
    );
    assert!(matches!(
        a.next(),
        FromGame::Customer {
            customer: None,
            at: 0,
            lost: false,
            dropped: false,
            ..
        }
    ));
    let path = vec![
        PathStep {
            colour: "#112233".into(),
            shape: "star".into(),
        },
        PathStep {
            colour: tutti::phones::NEUTRAL_COLOUR.into(),
            shape: "gap".into(),
        },
    ];
    s.send(
        phone,
        ServerMsg::Customer {
            text: "on the floor".into(),
            lost: true,
            who: "Patient".into(),
            number: Some(5),
            path,
            at: 1,
            dropped: true,
        },
    );
    let FromGame::Customer {
        customer: Some((5, path)),
        who,
        lost: true,
        dropped: true,
        at: 1,
        ..
    } = a.next()
    else {
        panic!("a customer")
    };
    assert_eq!(path[1], ("#8a8f98".to_owned(), "gap".to_owned()));
    assert_eq!(who, "Patient", "the scenario's word for the one who waits");
    s.send(phone, ServerMsg::Info { text: "hi".into() });
    assert_eq!(a.next(), FromGame::Info("hi".into()));
    s.free_seat(phone);
    a.silent(Duration::from_millis(100));
}

/// Each refusal of a `hello` the document lists, with the phone left out.
#[test]
fn hellos_are_refused_as_documented() {
    let s = super::server(1);
    let room = s.code().to_string();
    let mut a = DocPhone::open(s.addr());
    let hello = |v: &str, room: &str, name: &str| {
        format!(r#"{{"type":"hello","v":{v},"room":"{room}","name":"{name}"}}"#)
    };
    for (text, reason) in [
        (hello("3", &room, "Ann"), "version"),
        (hello("4294967298", &room, "Ann"), "version"),
        (hello("\"2\"", &room, "Ann"), "version"),
        (hello("2", &room, "\\u2060\\u3164"), "name"),
        (hello("2", &room, " \\u0301 "), "name"),
        (
            format!(r#"{{"type":"hello","v":2,"room":"{room}"}}"#),
            "hello",
        ),
        (
            format!(r#"{{"type":"hello","v":2,"room":"{room}","name":"A","token":7}}"#),
            "hello",
        ),
    ] {
        a.send(&text);
        assert_eq!(a.refused(), reason, "{text}");
    }
    assert!(s.phones().is_empty());
    // Refused, the phone may say hello again.
    a.join(&room, "Ann", None);

    // A closed room takes a phone back, not a new one.
    let token = {
        let mut b = DocPhone::open(s.addr());
        token_of(&b.join(&room, "Bo", None).0)
    };
    s.set_joining(false);
    let mut c = DocPhone::open(s.addr());
    c.hello(&room, "Cy", None);
    assert_eq!(c.refused(), "closed");
    let mut b = DocPhone::open(s.addr());
    b.join(&room, "Bo", Some(&token));
    s.set_joining(true);

    // Five wrong codes, then even the right one waits.
    let mut guesser = DocPhone::open(s.addr());
    for _ in 0..5 {
        guesser.send(&hello("2", "QQQQ", "x"));
        assert_eq!(guesser.refused(), "room");
    }
    guesser.send(&hello("2", &room, "x"));
    assert_eq!(guesser.refused(), "wait");
}

/// Forty phones a room: the forty-first is refused `full`; one of the forty comes back.
#[test]
fn a_room_takes_forty_phones() {
    let s = super::server(1);
    let room = s.code().to_string();
    let mut tokens = Vec::new();
    let phones: Vec<DocPhone> = (0..40)
        .map(|i| {
            let mut p = DocPhone::open(s.addr());
            tokens.push(token_of(&p.join(&room, &format!("P{i}"), None).0));
            p
        })
        .collect();
    let mut late = DocPhone::open(s.addr());
    late.hello(&room, "late", None);
    assert_eq!(late.refused(), "full");
    drop(phones);
    let mut back = DocPhone::open(s.addr());
    let (welcome, _) = back.join(&room, "P7", Some(&tokens[7]));
    assert!(matches!(welcome, FromGame::Welcome { phone: 7, .. }));
}

/// Seat changes and calibrations: four at once, then `too_fast`, changing nothing.
#[test]
fn seat_changes_are_limited_as_documented() {
    let s = super::server(2);
    let mut a = DocPhone::open(s.addr());
    a.join(s.code().as_str(), "Ann", None);
    for ask in [
        r#"{"type":"seat","dept":0}"#,
        r#"{"type":"audience"}"#,
        r#"{"type":"calibrate","ms":10}"#,
        r#"{"type":"seat","dept":1}"#,
    ] {
        a.send(ask);
    }
    a.send(r#"{"type":"audience"}"#);
    assert_eq!(a.refused(), "too_fast");
    // The game took in the fourth.
    super::wait_event(&s, &mut Vec::new(), |e| {
        matches!(e, tutti::phones::PhoneEvent::SeatWanted { dept: 1, .. })
    });
    let ann = s.phones()[0].phone;
    assert_eq!(s.seat_of(ann), Some(1), "the fifth changed nothing");
}
