//! The phone's page in a real browser: starts the phones' server on 127.0.0.1 with the seats of
//! level 3 (the game's part, deciding seat requests, played by the tests' stand-in), opens the page in headless Chromium (driven over the DevTools protocol with
//! tungstenite), types a name, presses Join twice (one phone joins), takes a seat, taps the big
//! button with a real pointer event, checks that the tap reached the server, and saves a
//! screenshot. Then, given `VOTE.png`, opens the debrief's vote (level 4's "Call the customer
//! back"), taps an answer, checks the server counted it and the page marked it, and saves the
//! vote screen. Last, the page is loaded again with its session storage gone (as a tab the browser
//! threw away while the phone was locked) and must take its seat back with its stored token. Run
//! by `scripts/phone-page-screenshot.sh`.
//!
//! Along the way it taps along with **Tap along** 120 ms late (real pointer events, the button
//! pressed twice: the second press is ignored) and checks the calibration the game hears; after
//! the reload, makes the page's socket look silent and checks its watchdog replaces it and the
//! seat comes back; last, given `AUDIENCE.png`, leaves the seat, checks that closing seating sends
//! a phone without a seat to the audience's view (and hides Tap along and See the seats), and
//! opening it brings the seats back, joins the audience, is given a customer and saves their
//! case's path, and checks the phone rings when the case is lost.
//!
//! `cargo run --example phone_page -- OUT.png [CHROMIUM] [VOTE.png] [AUDIENCE.png]`

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use tungstenite::{Message, WebSocket};
use tutti::phones::{PhoneEvent, PhoneServer, ServerConfig, ServerMsg, VoteOption, VoteQuestion};

// The game's part (deciding seat requests), as the phones' tests play it.
#[allow(dead_code)]
#[path = "../tests/common/stand_in.rs"]
mod stand_in;
use stand_in::StandIn;

type Cdp = WebSocket<TcpStream>;

fn main() -> Result<(), String> {
    let mut args = std::env::args().skip(1);
    let out = args
        .next()
        .ok_or("usage: phone_page OUT.png [CHROMIUM] [VOTE.png] [AUDIENCE.png]")?;
    let chromium = args.next().unwrap_or_else(|| "chromium".into());
    let vote_out = args.next();
    let audience_out = args.next();
    let server = start_server()?;
    let url = format!("http://{}/?room={}&lang=en", server.addr(), server.code());
    let (mut browser, devtools) = launch(&chromium, &url)?;
    let shots = Shots {
        seat: &out,
        vote: vote_out.as_deref(),
        audience: audience_out.as_deref(),
    };
    let result = drive(&server, devtools, shots);
    let _ = browser.kill();
    let _ = browser.wait();
    result
}

fn start_server() -> Result<StandIn, String> {
    let scenario =
        tutti::scenario::load_file(std::path::Path::new("levels/03-busy-colleague.en.ron"))
            .map_err(|e| e.to_string())?;
    let server = PhoneServer::bind("127.0.0.1:0".parse().unwrap(), ServerConfig::default())
        .map_err(|e| e.to_string())?;
    let seats = scenario
        .departments
        .iter()
        .enumerate()
        .map(|(d, dept)| tutti::game::phones::seat_info(d, dept, None))
        .collect();
    Ok(StandIn::new(server, seats))
}

/// Starts Chromium on `url`; returns it and its DevTools port.
fn launch(chromium: &str, url: &str) -> Result<(Child, u16), String> {
    let profile = std::env::temp_dir().join(format!("tutti-chromium-{}", std::process::id()));
    let mut child = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            "--window-size=390,760",
            "--remote-debugging-port=0",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(url)
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .map_err(|e| format!("cannot start {chromium}: {e}"))?;
    let stderr = child.stderr.take().ok_or("no stderr")?;
    let mut lines = BufReader::new(stderr).lines();
    for line in lines.by_ref().map_while(Result::ok) {
        if let Some(rest) = line.split("ws://127.0.0.1:").nth(1) {
            let port = rest.split('/').next().unwrap_or("").parse().ok();
            // Keep reading what Chromium says, so it never blocks on a full pipe.
            std::thread::spawn(move || lines.for_each(drop));
            return port.map(|p| (child, p)).ok_or("no DevTools port".into());
        }
    }
    Err("Chromium said no DevTools address".into())
}

/// The page's DevTools WebSocket.
fn page_socket(port: u16) -> Result<Cdp, String> {
    let mut s = TcpStream::connect(("127.0.0.1", port)).map_err(|e| e.to_string())?;
    write!(
        s,
        "GET /json/list HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .map_err(|e| e.to_string())?;
    s.set_read_timeout(Some(Duration::from_secs(2)))
        .map_err(|e| e.to_string())?;
    let mut bytes = Vec::new();
    let _ = s.read_to_end(&mut bytes);
    let text = String::from_utf8_lossy(&bytes);
    let body = text.split("\r\n\r\n").nth(1).unwrap_or("[]");
    let list: Value = serde_json::from_str(body).map_err(|e| e.to_string())?;
    let ws_url = list
        .as_array()
        .and_then(|l| l.iter().find(|t| t["type"] == "page"))
        .and_then(|t| t["webSocketDebuggerUrl"].as_str())
        .ok_or("no page target")?
        .to_owned();
    let stream = TcpStream::connect(("127.0.0.1", port)).map_err(|e| e.to_string())?;
    let (ws, _) = tungstenite::client(ws_url, stream).map_err(|e| e.to_string())?;
    Ok(ws)
}

/// Sends a DevTools command and waits for its answer.
fn call(ws: &mut Cdp, id: &mut u64, method: &str, params: Value) -> Result<Value, String> {
    *id += 1;
    let msg = json!({ "id": *id, "method": method, "params": params });
    ws.send(Message::text(msg.to_string()))
        .map_err(|e| e.to_string())?;
    loop {
        let Message::Text(t) = ws.read().map_err(|e| e.to_string())? else {
            continue;
        };
        let v: Value = serde_json::from_str(t.as_str()).map_err(|e| e.to_string())?;
        if v["id"] == json!(*id) {
            return Ok(v["result"].clone());
        }
    }
}

/// Evaluates `expr` in the page until it is true (or 10 s pass).
fn wait_for(ws: &mut Cdp, id: &mut u64, expr: &str) -> Result<(), String> {
    let end = Instant::now() + Duration::from_secs(10);
    while Instant::now() < end {
        let r = call(ws, id, "Runtime.evaluate", json!({ "expression": expr }))?;
        if r["result"]["value"] == json!(true) {
            return Ok(());
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    Err(format!("the page never showed: {expr}"))
}

fn eval(ws: &mut Cdp, id: &mut u64, expr: &str) -> Result<Value, String> {
    let r = call(ws, id, "Runtime.evaluate", json!({ "expression": expr }))?;
    Ok(r["result"]["value"].clone())
}

/// Where the screenshots go: the seat after a tap, and when given, the vote and the audience.
struct Shots<'a> {
    seat: &'a str,
    vote: Option<&'a str>,
    audience: Option<&'a str>,
}

fn drive(server: &StandIn, port: u16, shots: Shots<'_>) -> Result<(), String> {
    let mut ws = page_socket(port)?;
    ws.get_ref()
        .set_read_timeout(Some(Duration::from_secs(10)))
        .map_err(|e| e.to_string())?;
    eprintln!("phone_page: the page's DevTools socket is open");
    let id = &mut 0;
    wait_for(&mut ws, id, "document.readyState === 'complete'")?;
    eval(
        &mut ws,
        id,
        "document.getElementById('name').value = 'Ann'; document.getElementById('go').click(); \
         document.getElementById('go').click()",
    )?;
    wait_for(&mut ws, id, "document.querySelectorAll('.seat').length > 1")?;
    one_socket(server)?;
    eval(&mut ws, id, "document.querySelectorAll('.seat')[1].click()")?;
    wait_for(
        &mut ws,
        id,
        "!document.getElementById('play').classList.contains('hidden')",
    )?;
    std::thread::sleep(Duration::from_millis(1500));
    let (x, y) = tap_element(&mut ws, id, "document.getElementById('big')")?;
    let tap = wait_tap(server)?;
    calibrate(server, &mut ws, id, (x, y))?;
    println!("phone_page: the tap reached the server: {tap:?}");
    server.send(
        tutti::phones::PhoneId(0),
        ServerMsg::Judged {
            what: "perfect".into(),
            drop: false,
        },
    );
    wait_for(
        &mut ws,
        id,
        "document.getElementById('judged').textContent === 'Perfect!'",
    )?;
    save_screenshot(&mut ws, id, shots.seat)?;
    if let Some(vote_out) = shots.vote {
        vote(server, &mut ws, id, vote_out)?;
    }
    comes_back(server, &mut ws, id)?;
    watchdog(server, &mut ws, id)?;
    match shots.audience {
        Some(out) => audience(server, &mut ws, id, out),
        None => Ok(()),
    }
}

/// Tap along on the page: **Tap along** flashes the button eight times, 600 ms apart, from a
/// second after the click; real pointer events 120 ms after each flash must reach the game as a
/// calibration of about 120 ms (the page's own timers and the DevTools round trips allow ±50).
fn calibrate(
    server: &StandIn,
    ws: &mut Cdp,
    id: &mut u64,
    (x, y): (f64, f64),
) -> Result<(), String> {
    let clicked = Instant::now();
    eval(
        ws,
        id,
        "document.getElementById('calibrate').click(); document.getElementById('calibrate').click()",
    )?;
    for i in 0..8u64 {
        let at = clicked + Duration::from_millis(1000 + 600 * i + 120);
        std::thread::sleep(at.saturating_duration_since(Instant::now()));
        for kind in ["mousePressed", "mouseReleased"] {
            let p = json!({ "type": kind, "x": x, "y": y, "button": "left", "clickCount": 1 });
            call(ws, id, "Input.dispatchMouseEvent", p)?;
        }
    }
    let end = Instant::now() + Duration::from_secs(5);
    while Instant::now() < end {
        for e in server.poll() {
            if let PhoneEvent::Calibrated { ms, .. } = e {
                println!("phone_page: tapping along 120 ms late calibrated {ms:.0} ms");
                return if (ms - 120.0).abs() <= 50.0 {
                    Ok(())
                } else {
                    Err(format!("tapping 120 ms late calibrated {ms:.0} ms"))
                };
            }
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    Err("tapping along sent no calibration".into())
}

/// The page joins the audience and is given a customer whose case is at its second step, a note
/// on the floor, then lost (the phone rings); saves the customer in progress to `out`.
fn audience(server: &StandIn, ws: &mut Cdp, id: &mut u64, out: &str) -> Result<(), String> {
    eval(ws, id, "document.getElementById('leave').click()")?;
    wait_for(
        ws,
        id,
        "!document.getElementById('seats').classList.contains('hidden')",
    )?;
    seating_closed(server, ws, id)?;
    eval(ws, id, "document.getElementById('audience').click()")?;
    wait_for(
        ws,
        id,
        "!document.getElementById('watch').classList.contains('hidden')",
    )?;
    let step = |colour: &str, shape: &str| tutti::phones::PathStep {
        colour: colour.into(),
        shape: shape.into(),
    };
    let path = vec![
        step("#e8a33d", "circle"),
        step(tutti::phones::NEUTRAL_COLOUR, "gap"),
        step("#56b4e9", "square"),
    ];
    let customer = |text: &str, lost: bool| ServerMsg::Customer {
        text: text.into(),
        lost,
        who: "Customer".into(),
        number: Some(5),
        path: path.clone(),
        at: 1,
        dropped: true,
    };
    let phone = tutti::phones::PhoneId(0);
    server.send(
        phone,
        customer("Wrong bill: dropped! It comes back in a bar.", false),
    );
    wait_for(
        ws,
        id,
        "document.querySelectorAll('#path .step').length === 3 && document.querySelector('#path .floor') !== null",
    )?;
    save_screenshot(ws, id, out)?;
    server.send(
        phone,
        customer("Wrong bill: lost. Your customer hung up, angry.", true),
    );
    wait_for(
        ws,
        id,
        "!document.getElementById('ring').classList.contains('hidden')",
    )?;
    println!("phone_page: the audience phone drew its customer's path and rang when it was lost");
    Ok(())
}

/// A phone without a seat while seating closes (a piece starts) watches, without Tap along or
/// See the seats; when seating opens again it is back on the seats.
fn seating_closed(server: &StandIn, ws: &mut Cdp, id: &mut u64) -> Result<(), String> {
    server.set_seating(false);
    wait_for(
        ws,
        id,
        "!document.getElementById('watch').classList.contains('hidden') && \
         document.getElementById('back').classList.contains('hidden') && \
         document.getElementById('calibrate').classList.contains('hidden')",
    )?;
    server.set_seating(true);
    wait_for(
        ws,
        id,
        "!document.getElementById('seats').classList.contains('hidden') && \
         !document.getElementById('audience').classList.contains('hidden')",
    )?;
    println!(
        "phone_page: seating closed, the phone without a seat watched; opened, the seats came back"
    );
    Ok(())
}

/// The page's socket made silent (the page no longer hears it, as a half-open socket on a locked
/// phone): after 3.5 s the watchdog drops it, the page comes back on a new one and takes its seat
/// back, the big button live again.
fn watchdog(server: &StandIn, ws: &mut Cdp, id: &mut u64) -> Result<(), String> {
    eval(ws, id, "window.oldSocket = ws; ws.onmessage = null; true")?;
    let back = wait_for(
        ws,
        id,
        "ws !== null && ws !== window.oldSocket && ws.readyState === 1 && \
         !document.getElementById('play').classList.contains('hidden') && \
         !document.getElementById('big').classList.contains('away')",
    );
    if let Err(e) = back {
        let state = eval(
            ws,
            id,
            "JSON.stringify({ ws: ws && ws.readyState, same: ws === window.oldSocket, view, \
             status: document.getElementById('status').textContent, \
             away: document.getElementById('big').classList.contains('away') })",
        )?;
        return Err(format!("{e} (the page: {state})"));
    }
    let end = Instant::now() + Duration::from_secs(5);
    loop {
        let phones = server.phones();
        let seat = phones.first().and_then(|p| server.seat_of(p.phone));
        if phones.len() == 1 && seat == Some(1) && phones[0].connected {
            break;
        }
        if Instant::now() > end {
            return Err(format!("after the watchdog the phones are {phones:?}"));
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    println!("phone_page: a silent socket was replaced and the page took its seat back");
    Ok(())
}

/// Saves what the page shows now to `out`.
fn save_screenshot(ws: &mut Cdp, id: &mut u64, out: &str) -> Result<(), String> {
    let shot = call(ws, id, "Page.captureScreenshot", json!({ "format": "png" }))?;
    let png = base64(shot["data"].as_str().ok_or("no screenshot")?)?;
    std::fs::write(out, png).map_err(|e| e.to_string())?;
    println!("phone_page: wrote {out}");
    Ok(())
}

/// Join pressed twice opened one socket: one phone, one connection (the page's own HTTP requests
/// are closed at once, a stray one within the server's 5 s handshake limit; a second socket would
/// stay for its 10 s to say hello).
fn one_socket(server: &StandIn) -> Result<(), String> {
    let end = Instant::now() + Duration::from_secs(7);
    loop {
        let (phones, open) = (server.phones().len(), server.open_connections());
        if phones == 1 && open == 1 {
            return Ok(());
        }
        if Instant::now() > end {
            return Err(format!(
                "Join pressed twice: {phones} phones, {open} connections"
            ));
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// The page loaded again without its session storage takes its seat back with the token it kept.
fn comes_back(server: &StandIn, ws: &mut Cdp, id: &mut u64) -> Result<(), String> {
    eval(ws, id, "sessionStorage.clear(); location.reload()")?;
    std::thread::sleep(Duration::from_millis(500));
    wait_for(ws, id, "document.readyState === 'complete'")?;
    wait_for(
        ws,
        id,
        "!document.getElementById('play').classList.contains('hidden') && \
         document.getElementById('deptname').textContent.length > 0",
    )?;
    let phones = server.phones();
    let seat = phones.first().and_then(|p| server.seat_of(p.phone));
    let back = phones.len() == 1 && seat == Some(1) && phones[0].connected;
    if !back {
        return Err(format!("after a reload the phones are {phones:?}"));
    }
    println!("phone_page: reloaded, the page took its seat back with its token");
    Ok(())
}

/// The debrief's vote on level 4's call back: its two chairs and nobody's job.
fn level_4_question() -> Result<VoteQuestion, String> {
    let scenario = tutti::scenario::load_file(std::path::Path::new(
        "levels/04-the-call-nobody-makes.en.ron",
    ))
    .map_err(|e| e.to_string())?;
    let mut options: Vec<VoteOption> = [0, 2]
        .into_iter()
        .map(|d| {
            let seat = tutti::game::phones::seat_info(d, &scenario.departments[d], None);
            VoteOption {
                dept: Some(d),
                name: seat.name,
                colour: seat.colour,
                shape: seat.shape,
            }
        })
        .collect();
    options.push(VoteOption {
        dept: None,
        name: "Nobody's job".into(),
        colour: tutti::phones::NEUTRAL_COLOUR.into(),
        shape: "none".into(),
    });
    Ok(VoteQuestion {
        id: 1,
        question: "Who should have given the customer the answer?".into(),
        call: "Call the customer back".into(),
        case: "Wrong bill".into(),
        options,
    })
}

/// Opens the vote, taps the second answer (IT) with a real pointer event, waits until the server
/// counted it and the page marked it, and saves the vote screen to `out`.
fn vote(server: &StandIn, ws: &mut Cdp, id: &mut u64, out: &str) -> Result<(), String> {
    server.open_vote(level_4_question()?);
    wait_for(
        ws,
        id,
        "!document.getElementById('vote').classList.contains('hidden')",
    )?;
    tap_element(ws, id, "document.querySelectorAll('.opt')[1]")?;
    wait_for(
        ws,
        id,
        "document.querySelectorAll('.opt.chosen').length === 1 && document.querySelectorAll('.opt')[1].classList.contains('chosen')",
    )?;
    let counts = server.vote_counts().map(|c| c.counts);
    if counts != Some(vec![0, 1, 0]) {
        return Err(format!("the server counted {counts:?}"));
    }
    println!("phone_page: the vote reached the server: {counts:?}");
    save_screenshot(ws, id, out)?;
    server.close_vote();
    wait_for(
        ws,
        id,
        "document.getElementById('vote').classList.contains('hidden') && !document.getElementById('play').classList.contains('hidden')",
    )?;
    println!("phone_page: the vote closed and the page is back on its seat");
    Ok(())
}

/// Taps the middle of the element `element` (a JS expression) with a real pointer event; returns
/// where.
fn tap_element(ws: &mut Cdp, id: &mut u64, element: &str) -> Result<(f64, f64), String> {
    let rect = eval(
        ws,
        id,
        &format!("JSON.stringify(({element}).getBoundingClientRect())"),
    )?;
    let rect: Value = serde_json::from_str(rect.as_str().unwrap_or("{}")).unwrap_or_default();
    let x = rect["x"].as_f64().unwrap_or(100.0) + rect["width"].as_f64().unwrap_or(0.0) / 2.0;
    let y = rect["y"].as_f64().unwrap_or(100.0) + rect["height"].as_f64().unwrap_or(0.0) / 2.0;
    for kind in ["mousePressed", "mouseReleased"] {
        let p = json!({ "type": kind, "x": x, "y": y, "button": "left", "clickCount": 1 });
        call(ws, id, "Input.dispatchMouseEvent", p)?;
    }
    Ok((x, y))
}

/// Waits for the tap's event.
fn wait_tap(server: &StandIn) -> Result<PhoneEvent, String> {
    let end = Instant::now() + Duration::from_secs(10);
    while Instant::now() < end {
        if let Some(e) = server.poll().into_iter().find(
            |e| matches!(e, PhoneEvent::Tap { phone, .. } if server.seat_of(*phone) == Some(1)),
        ) {
            return Ok(e);
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    Err("no tap reached the server".into())
}

/// Decodes standard base64.
fn base64(text: &str) -> Result<Vec<u8>, String> {
    const ABC: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0);
    for c in text.bytes().filter(|c| *c != b'=') {
        let v = ABC.iter().position(|a| *a == c).ok_or("not base64")? as u32;
        acc = (acc << 6) | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Ok(out)
}
