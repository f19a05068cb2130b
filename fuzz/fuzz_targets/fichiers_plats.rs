//! libFuzzer entry point of the `fichiers_plats` target; the properties are in `src/fichiers_plats.rs`.

#![no_main]

libfuzzer_sys::fuzz_target!(|octets: &[u8]| cycle_fuzz::fichiers_plats::verifier(octets));
