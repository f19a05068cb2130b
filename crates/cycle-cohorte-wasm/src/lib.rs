//! Exports one function to WebAssembly hosts: replay a synthetic summer of `taille` candidates and
//! return how many transcript entries it produced. No JavaScript glue is needed (no imports), so
//! `bench.mjs` times it with Node's `WebAssembly` API alone. Only built for wasm32 by the benchmark.

use cycle_cohorte::{cohorte, rejouer};
use cycle_core::ModeOpi;

/// Builds the cohort (not timed by the caller if it calls [`preparer`] first) and replays it.
#[no_mangle]
pub extern "C" fn rejouer_ete(taille: u32) -> u32 {
    let cohorte = cohorte(taille, 2024, ModeOpi::Webservice);
    rejouer(&cohorte, drop).entrees as u32
}

thread_local! {
    static PREPAREE: std::cell::RefCell<Option<cycle_cohorte::Cohorte>> = const { std::cell::RefCell::new(None) };
}

/// Builds and keeps the cohort, so that [`rejouer_preparee`] times the replay alone, as the native
/// criterion benchmark does.
#[no_mangle]
pub extern "C" fn preparer(taille: u32) {
    PREPAREE.with(|p| *p.borrow_mut() = Some(cohorte(taille, 2024, ModeOpi::Webservice)));
}

/// Replays the prepared cohort; returns the number of entries (0 if nothing was prepared).
#[no_mangle]
pub extern "C" fn rejouer_preparee() -> u32 {
    PREPAREE.with(|p| {
        p.borrow()
            .as_ref()
            .map_or(0, |c| rejouer(c, drop).entrees as u32)
    })
}
