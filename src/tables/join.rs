//! The address a table joins: what the host shows, `http://HOST:PORT/?room=CODE`, typed or
//! pasted as it is (the scheme and the path may be left out; the code may be given apart).

use std::io;
use std::net::{SocketAddr, ToSocketAddrs};

/// Where a table joins, and the room code it sends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JoinUrl {
    /// `HOST:PORT`.
    pub authority: String,
    /// The room code.
    pub code: String,
}

/// Why a typed address is not one a table can join.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JoinError {
    /// Another scheme than `http://` (e.g. `https://`): the address as typed.
    Scheme(String),
    /// No room code, in the address or apart: the address as typed.
    NoCode(String),
    /// No `HOST:PORT`: the address as typed.
    NoPort(String),
}

impl JoinError {
    /// The text that says it on a screen (`join-bad-scheme`, `join-no-code`, `join-no-port`).
    pub fn text_key(&self) -> &'static str {
        match self {
            JoinError::Scheme(_) => "join-bad-scheme",
            JoinError::NoCode(_) => "join-no-code",
            JoinError::NoPort(_) => "join-no-port",
        }
    }
}

impl std::fmt::Display for JoinError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            JoinError::Scheme(url) => write!(
                f,
                "{url}: the host's address starts with http:// (as its screen shows it)"
            ),
            JoinError::NoCode(url) => {
                write!(
                    f,
                    "{url}: no room code; the host's address ends with ?room=CODE"
                )
            }
            JoinError::NoPort(url) => write!(
                f,
                "{url}: the host's address is HOST:PORT, e.g. http://192.168.1.20:7878/?room=ABCD"
            ),
        }
    }
}

impl std::error::Error for JoinError {}

impl JoinUrl {
    /// Reads `http://HOST:PORT/?room=CODE` (or `HOST:PORT?room=CODE`, or `ws://…`); `code`, when
    /// given, is the room code (typed apart, as the title's form asks).
    pub fn parse(url: &str, code: Option<&str>) -> Result<JoinUrl, JoinError> {
        let url = url.trim();
        let rest = ["http://", "ws://", "HTTP://"]
            .iter()
            .find_map(|s| url.strip_prefix(s))
            .unwrap_or(url);
        if rest.contains("://") {
            return Err(JoinError::Scheme(url.to_owned()));
        }
        let (authority, query) = match rest.split_once(['/', '?']) {
            Some((a, q)) => (a, q),
            None => (rest, ""),
        };
        let from_url = query
            .split(['?', '&'])
            .find_map(|kv| kv.strip_prefix("room="));
        let code = code
            .or(from_url)
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .ok_or_else(|| JoinError::NoCode(url.to_owned()))?;
        if authority.is_empty() || !authority.contains(':') {
            return Err(JoinError::NoPort(url.to_owned()));
        }
        Ok(JoinUrl {
            authority: authority.to_owned(),
            code: code.to_uppercase(),
        })
    }

    /// The host's socket address.
    pub fn socket_addr(&self) -> io::Result<SocketAddr> {
        self.authority.to_socket_addrs()?.next().ok_or_else(|| {
            io::Error::new(
                io::ErrorKind::NotFound,
                format!("no address for {}", self.authority),
            )
        })
    }

    /// The WebSocket's URL.
    pub fn socket_url(&self) -> String {
        format!("ws://{}/table", self.authority)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_address_on_the_hosts_screen_reads() {
        let u = JoinUrl::parse("http://192.168.1.20:7878/?room=abcd", None).unwrap();
        assert_eq!(u.authority, "192.168.1.20:7878");
        assert_eq!(u.code, "ABCD");
        let u = JoinUrl::parse("192.168.1.20:7878", Some(" wxyz ")).unwrap();
        assert_eq!(u.code, "WXYZ");
        assert_eq!(u.socket_url(), "ws://192.168.1.20:7878/table");
    }

    #[test]
    fn a_wrong_address_says_what_is_missing() {
        assert!(
            JoinUrl::parse("http://host:1/", None)
                .unwrap_err()
                .to_string()
                .contains("room code")
        );
        assert!(
            JoinUrl::parse("host?room=A", None)
                .unwrap_err()
                .to_string()
                .contains("HOST:PORT")
        );
        assert!(
            JoinUrl::parse("https://host:1/?room=A", None)
                .unwrap_err()
                .to_string()
                .contains("http://")
        );
    }
}
