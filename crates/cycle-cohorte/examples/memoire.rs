//! One replay of a cohort, printing wall time and peak resident memory (Linux `VmHWM`).
//! `cargo run --release -p cycle-cohorte --example memoire -- 100000 [garder]`: with `garder`, the whole
//! transcript is kept in memory as the browser would.

use std::time::Instant;

// The shipped binaries use mimalloc: a summer allocates millions of small strings. Build with
// `--features malloc-systeme` to measure with the system allocator instead.
#[cfg(not(feature = "malloc-systeme"))]
#[global_allocator]
static ALLOCATEUR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use cycle_cohorte::{cohorte, rejouer};
use cycle_core::ModeOpi;

fn pic_memoire_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let ligne = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    ligne.split_whitespace().nth(1)?.parse().ok()
}

fn main() {
    let mut args = std::env::args().skip(1);
    let taille: u32 = args.next().and_then(|a| a.parse().ok()).unwrap_or(100_000);
    let garder = args.next().as_deref() == Some("garder");
    let cohorte = cohorte(taille, 2024, ModeOpi::Webservice);
    let avant = pic_memoire_kib().unwrap_or(0);
    let mut transcript = Vec::new();
    let debut = Instant::now();
    let bilan = rejouer(&cohorte, |entrees| {
        if garder {
            transcript.extend(entrees)
        }
    });
    let duree = debut.elapsed();
    let pic = pic_memoire_kib().unwrap_or(0);
    println!(
        "{taille} candidats, {} événements : {:.3} s, {} entrées ({} OPI, {} remontées, {} événements refusés)",
        cohorte.evenements.len(),
        duree.as_secs_f64(),
        bilan.entrees,
        bilan.opi_envoyees,
        bilan.remontees,
        bilan.evenements_refuses
    );
    println!(
        "pic mémoire : {:.1} MiB (dont cohorte générée : {:.1} MiB){}",
        pic as f64 / 1024.0,
        avant as f64 / 1024.0,
        if garder {
            ", transcript gardé"
        } else {
            ", transcript jeté au fil de l'eau"
        }
    );
}
