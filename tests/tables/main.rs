//! A room of many tables on 127.0.0.1: `tutti host --headless` and `tutti table` as a facilitator
//! runs them (the binary, in processes), a host and 8 tables playing two rounds, a table whose
//! line drops mid-round, a wrong room code, a host restarted between rounds, and a second table
//! client written from `docs/tables.md` alone.

mod doc_client;
mod room;
mod support;
