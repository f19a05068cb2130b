# Shared by smoke.sh and long.sh (sourced, not run): the fuzz targets, the cargo-fuzz install and
# one fuzzing run of a target. Both scripts are run from anywhere; paths are from this folder.

set -euo pipefail

DOSSIER_FUZZ="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CIBLES=(scenario fichiers_plats rest_json soap)
# The version whose command line these scripts use; `cargo install` is skipped when it is there.
VERSION_CARGO_FUZZ="0.13.2"

echec() {
    echo "ERREUR fuzz : $*" >&2
    exit 1
}

# Installs cargo-fuzz from crates.io unless this version is already installed.
installer_cargo_fuzz() {
    if cargo fuzz --version 2>/dev/null | grep -qF "$VERSION_CARGO_FUZZ"; then
        return
    fi
    echo "== installation de cargo-fuzz $VERSION_CARGO_FUZZ"
    cargo install --locked --version "$VERSION_CARGO_FUZZ" cargo-fuzz \
        || echec "cargo install cargo-fuzz $VERSION_CARGO_FUZZ a echoue (acces a crates.io ?)"
}

# Stable toolchain: no sanitizer (the code under test is safe Rust, and AddressSanitizer needs
# nightly's -Zsanitizer), but release mode with debug assertions and overflow checks, so that an
# overflow panics as it does in the tests.
OPTIONS_CARGO_FUZZ=(--sanitizer none)

construire() {
    echo "== construction des cibles (cargo fuzz build)"
    (cd "$DOSSIER_FUZZ" && nice -n 19 cargo fuzz build "${OPTIONS_CARGO_FUZZ[@]}") \
        || echec "la construction des cibles a echoue"
}

verifier_cible() {
    local cible
    for cible in "${CIBLES[@]}"; do
        [[ "$cible" == "$1" ]] && return
    done
    echec "cible inconnue « $1 » (connues : ${CIBLES[*]})"
}

# fuzzer CIBLE SECONDES SORTIE JOURNAL: fuzzes CIBLE for SECONDES, starting from the committed
# seeds, corpus and regressions, new inputs going to the folder SORTIE (under fuzz/); libFuzzer's
# output goes to JOURNAL. On a crash, a timeout or an out-of-memory, names the input libFuzzer
# saved and fails.
fuzzer() {
    local cible="$1" secondes="$2" sortie="$3" journal="$4"
    mkdir -p "$DOSSIER_FUZZ/$sortie" "$DOSSIER_FUZZ/corpus/$cible" "$DOSSIER_FUZZ/regressions/$cible"
    echo "== $cible : ${secondes} s (journal : $journal)"
    if ! (cd "$DOSSIER_FUZZ" && nice -n 19 cargo fuzz run "${OPTIONS_CARGO_FUZZ[@]}" "$cible" \
        "$sortie" "graines/$cible" "corpus/$cible" "regressions/$cible" -- \
        -max_total_time="$secondes" -timeout=10 -rss_limit_mb=2048 -max_len=16384 \
        -print_final_stats=1) >"$journal" 2>&1; then
        grep -E -A3 "panicked at" "$journal" | head -20 >&2 || true
        grep -E "ERROR: libFuzzer|SUMMARY|Test unit written" "$journal" >&2 || true
        echec "$cible : le fuzzer a trouve une entree qui echoue (voir ci-dessus et $journal).
Pour la garder : cargo fuzz tmin ${OPTIONS_CARGO_FUZZ[*]} $cible <fichier>, copier le resultat
dans fuzz/regressions/$cible/ et ecrire le test nomme dans crates/<crate>/tests/fuzz_regressions.rs."
    fi
    bilan "$cible" "$journal"
}

# One line of figures from a finished run's journal.
bilan() {
    local cible="$1" journal="$2"
    local executions secondes
    executions="$(sed -n 's/^stat::number_of_executed_units: *//p' "$journal" | tail -1)"
    secondes="$(sed -n 's/^Done [0-9]* runs in \([0-9]*\) second.*/\1/p' "$journal" | tail -1)"
    echo "   $cible : ${executions:-?} executions en ${secondes:-?} s, aucun echec"
}
