//! libFuzzer entry point of the `soap` target; the properties are in `src/soap.rs`.

#![no_main]

libfuzzer_sys::fuzz_target!(|octets: &[u8]| cycle_fuzz::soap::verifier(octets));
