//! One rule for both ends of a table's line: a message sent as JSON text, and one read step that
//! waits at most the socket's read timeout and tells what it brought.

use std::io::{self, Read, Write};

use serde::Serialize;
use serde::de::DeserializeOwned;
use tungstenite::{Message, WebSocket};

/// What one read step brought.
pub(crate) enum Got<T> {
    /// Nothing within the read timeout.
    Nothing,
    /// A message of the protocol.
    Msg(T),
    /// Something else (a text that is no message, binary, a ping): ignored.
    Other,
    /// The other end closed the line.
    Closed,
}

/// Sends `msg` as one JSON text message.
pub(crate) fn send<S: Read + Write>(ws: &mut WebSocket<S>, msg: &impl Serialize) -> io::Result<()> {
    let text = serde_json::to_string(msg).map_err(io::Error::other)?;
    ws.send(Message::text(text)).map_err(io::Error::other)
}

/// Reads one step; an error other than the read timeout ends the line.
pub(crate) fn read_step<S: Read + Write, T: DeserializeOwned>(
    ws: &mut WebSocket<S>,
) -> io::Result<Got<T>> {
    match ws.read() {
        Ok(Message::Text(text)) => Ok(serde_json::from_str(&text).map_or(Got::Other, Got::Msg)),
        Ok(Message::Close(_)) => Ok(Got::Closed),
        Ok(_) => Ok(Got::Other),
        Err(tungstenite::Error::Io(e))
            if matches!(
                e.kind(),
                io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
            ) =>
        {
            Ok(Got::Nothing)
        }
        Err(e) => Err(io::Error::other(e)),
    }
}

/// Closes the line, as well as it can.
pub(crate) fn close<S: Read + Write>(ws: &mut WebSocket<S>) {
    let _ = ws.close(None);
    let _ = ws.flush();
}
