//! libFuzzer entry point of the `rest_json` target; the properties are in `src/rest_json.rs`.

#![no_main]

libfuzzer_sys::fuzz_target!(|octets: &[u8]| cycle_fuzz::rest_json::verifier(octets));
