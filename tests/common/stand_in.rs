//! The game's part, for the phones' server driven without the game (`tests/phones/` and the
//! `phone_page` example): a thread that decides each seat request as the game's setup does (first
//! come, on a seat no phone and no key holds; a phone's own seat is not free either), tells the
//! phones its answer through the server, and hands every event on to the caller. The game's own
//! rules are tested in `tests/headless/phones_game.rs`.

use std::ops::Deref;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};
use std::time::Duration;

use tutti::phones::{PhoneEvent, PhoneId, PhoneServer, SeatInfo, ServerMsg};

/// Who sits on a seat, as the stand-in keeps it.
#[derive(Debug, Clone, PartialEq)]
enum Sitter {
    Free,
    /// A key or a pad.
    Key,
    /// A phone, and its player's name.
    Phone(PhoneId, String),
}

/// The seats: who sits where, and how each looks to a phone when free.
#[derive(Debug)]
struct Seats {
    sitters: Vec<Sitter>,
    free: Vec<SeatInfo>,
}

impl Seats {
    fn of(&self, phone: PhoneId) -> Option<usize> {
        self.sitters
            .iter()
            .position(|s| matches!(s, Sitter::Phone(p, _) if *p == phone))
    }

    /// `phone` leaves its seat, if it has one, and is told so.
    fn free(&mut self, server: &PhoneServer, phone: PhoneId) {
        if let Some(d) = self.of(phone) {
            self.sitters[d] = Sitter::Free;
            server.tell_seat(phone, None);
        }
    }

    /// The seats as the phones see them, who sits where filled in.
    fn show(&self, server: &PhoneServer) {
        let seats = self
            .free
            .iter()
            .zip(&self.sitters)
            .map(|(seat, sitter)| SeatInfo {
                taken_by: match sitter {
                    Sitter::Free => None,
                    Sitter::Key => Some("—".to_owned()),
                    Sitter::Phone(_, name) => Some(name.clone()),
                },
                ..seat.clone()
            })
            .collect();
        server.set_seats(seats);
    }

    /// Decides a seat request: given when the seat is free (leaving the old one), else `taken`.
    fn decide(&mut self, server: &PhoneServer, event: &PhoneEvent) {
        match event {
            PhoneEvent::SeatWanted { phone, dept, name } => {
                if self.sitters.get(*dept) != Some(&Sitter::Free) {
                    let reason = "taken".to_owned();
                    server.send(*phone, ServerMsg::Refused { reason });
                    return;
                }
                if let Some(old) = self.of(*phone) {
                    self.sitters[old] = Sitter::Free;
                }
                self.sitters[*dept] = Sitter::Phone(*phone, name.clone());
                server.tell_seat(*phone, Some(*dept));
            }
            PhoneEvent::SeatLeft { phone } => self.free(server, *phone),
            _ => return,
        }
        self.show(server);
    }
}

/// A server with the game's part played beside it: derefs to the server.
pub struct StandIn {
    server: Arc<PhoneServer>,
    seats: Arc<Mutex<Seats>>,
    heard: Mutex<Receiver<PhoneEvent>>,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl StandIn {
    /// Plays the game's part for `server`, offering `seats` (all free).
    pub fn new(server: PhoneServer, seats: Vec<SeatInfo>) -> StandIn {
        let server = Arc::new(server);
        let seats = Arc::new(Mutex::new(Seats {
            sitters: vec![Sitter::Free; seats.len()],
            free: seats,
        }));
        seats.lock().unwrap().show(&server);
        let (tx, heard) = mpsc::channel();
        let stop = Arc::new(AtomicBool::new(false));
        let thread = {
            let (server, seats, stop) = (server.clone(), seats.clone(), stop.clone());
            thread::spawn(move || play(&server, &seats, &stop, &tx))
        };
        StandIn {
            server,
            seats,
            heard: Mutex::new(heard),
            stop,
            thread: Some(thread),
        }
    }

    /// Every event the server sent the game since the last call.
    pub fn poll(&self) -> Vec<PhoneEvent> {
        self.heard.lock().unwrap().try_iter().collect()
    }

    /// The seat the game gives `phone`.
    pub fn seat_of(&self, phone: PhoneId) -> Option<usize> {
        self.seats.lock().unwrap().of(phone)
    }

    /// A key takes seat `dept` (a phone there is freed).
    pub fn key_on(&self, dept: usize) {
        let mut seats = self.seats.lock().unwrap();
        if let Sitter::Phone(p, _) = &seats.sitters[dept] {
            let p = *p;
            seats.free(&self.server, p);
        }
        seats.sitters[dept] = Sitter::Key;
        seats.show(&self.server);
    }

    /// The facilitator frees `phone`'s seat.
    pub fn free_seat(&self, phone: PhoneId) {
        let mut seats = self.seats.lock().unwrap();
        seats.free(&self.server, phone);
        seats.show(&self.server);
    }
}

/// The stand-in's thread: decides what the phones ask and hands every event on, until `stop`.
fn play(
    server: &PhoneServer,
    seats: &Mutex<Seats>,
    stop: &AtomicBool,
    to_test: &Sender<PhoneEvent>,
) {
    while !stop.load(Ordering::Relaxed) {
        for event in server.poll() {
            seats.lock().unwrap().decide(server, &event);
            let _ = to_test.send(event);
        }
        thread::sleep(Duration::from_millis(2));
    }
}

impl Deref for StandIn {
    type Target = PhoneServer;

    fn deref(&self) -> &PhoneServer {
        &self.server
    }
}

impl Drop for StandIn {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}
