//! A whole summer (OPI, bac and rattrapage results, désistements, IAs, daily batches) for 1k, 10k and
//! 100k candidates on one core. Entries are handed to the shell and dropped, as the CLI streaming them
//! would. Peak memory is measured by `cargo run --release -p cycle-cohorte --example memoire`.

// As in the shipped binaries; `--features malloc-systeme` measures with the system allocator.
#[cfg(not(feature = "malloc-systeme"))]
#[global_allocator]
static ALLOCATEUR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use cycle_cohorte::{cohorte, rejouer};
use cycle_core::ModeOpi;

fn ete_complet(c: &mut Criterion) {
    let mut groupe = c.benchmark_group("ete_complet");
    groupe.sample_size(10);
    for taille in [1_000u32, 10_000, 100_000] {
        let cohorte = cohorte(taille, 2024, ModeOpi::Webservice);
        groupe.throughput(Throughput::Elements(u64::from(taille)));
        groupe.bench_with_input(
            BenchmarkId::from_parameter(taille),
            &cohorte,
            |b, cohorte| b.iter(|| rejouer(cohorte, drop)),
        );
    }
    groupe.finish();
}

criterion_group!(benches, ete_complet);
criterion_main!(benches);
