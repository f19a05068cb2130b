//! The properties the fuzzers check, one module per fuzz target, and the replay of the committed
//! corpora by `cargo test`.
//!
//! Each target module has one `verifier(octets)` that feeds arbitrary bytes to a parser or decoder
//! and panics when a property fails: the code under test panicked, an error came without a message,
//! or a decoded message did not read back identically once re-encoded. libFuzzer (`fuzz_targets/`)
//! calls it millions of times; the crates' `tests/fuzz_*.rs` include the same module file with
//! `#[path]` and replay `fuzz/corpus/<target>` and `fuzz/regressions/<target>` through it on the
//! stable toolchain, so every case the fuzzer kept stays a regression test.
//!
//! The modules only use the crate under test and its own dependencies (so that the crate's tests
//! can include them) and never touch the file system, the clock or the network.

mod commun;
pub mod fichiers_plats;
pub mod rejeu;
pub mod rest_json;
pub mod scenario;
pub mod soap;
