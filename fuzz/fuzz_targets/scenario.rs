//! libFuzzer entry point of the `scenario` target; the properties are in `src/scenario.rs`.

#![no_main]

libfuzzer_sys::fuzz_target!(|octets: &[u8]| cycle_fuzz::scenario::verifier(octets));
