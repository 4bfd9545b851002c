//! This machine's addresses on its networks: what a phone or a table types to reach it.

use std::net::{IpAddr, Ipv4Addr, UdpSocket};

/// This machine's address towards `to`: the interface a packet there would leave by (a UDP
/// socket is connected; nothing is sent).
fn address_towards(to: Ipv4Addr) -> Option<IpAddr> {
    let s = UdpSocket::bind((Ipv4Addr::UNSPECIFIED, 0)).ok()?;
    s.connect((to, 9)).ok()?;
    let ip = s.local_addr().ok()?.ip();
    (!ip.is_unspecified() && !ip.is_loopback()).then_some(ip)
}

/// This machine's addresses on its networks, the default route's first: the interfaces towards
/// the public internet and towards each private range (a laptop on Wi-Fi and a travel router's
/// cable has two). 127.0.0.1 with no network.
pub(crate) fn local_ips() -> Vec<IpAddr> {
    let towards = [
        Ipv4Addr::new(192, 0, 2, 1),
        Ipv4Addr::new(192, 168, 255, 254),
        Ipv4Addr::new(10, 255, 255, 254),
        Ipv4Addr::new(172, 31, 255, 254),
    ];
    let mut ips: Vec<IpAddr> = Vec::new();
    for ip in towards.into_iter().filter_map(address_towards) {
        if !ips.contains(&ip) {
            ips.push(ip);
        }
    }
    if ips.is_empty() {
        ips.push(Ipv4Addr::LOCALHOST.into());
    }
    ips
}
