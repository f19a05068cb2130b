#!/usr/bin/env bash
# The long fuzzing runs of RELIABILITY.md: each target fuzzed for 10 minutes (DUREE_LONG to
# change it), one after the other, then its committed corpus (fuzz/corpus/<target>) replaced by
# the minimized union of the old corpus and what this run found, seeds' coverage left out.
#
#   fuzz/long.sh [target...]         (targets: scenario fichiers_plats rest_json soap)
#
# The working corpus fuzz/travail/<target> is kept between runs (ignored by git), so that runs
# add up. Figures are printed at the end and kept in fuzz/travail/long-<target>.log.

source "$(dirname "${BASH_SOURCE[0]}")/commun.sh"

duree="${DUREE_LONG:-600}"
cibles=("$@")
[[ ${#cibles[@]} -gt 0 ]] || cibles=("${CIBLES[@]}")
for cible in "${cibles[@]}"; do verifier_cible "$cible"; done

# minimiser CIBLE: keeps in corpus/CIBLE a small set of inputs that covers every edge (branch) the
# old corpus and this run reached beyond the seeds' (a greedy set cover on edges, hit counts
# ignored: the full feature set would be several megabytes, too much for the repository; the whole
# working corpus stays in travail/CIBLE for the next run).
minimiser() {
    local cible="$1"
    local nouveau="travail/min-$cible"
    (
        cd "$DOSSIER_FUZZ"
        rm -rf "$nouveau" && mkdir -p "$nouveau"
        # The seeds go first so that the merge keeps only what they do not already cover, then
        # they are taken out again (they are committed under graines/).
        cp "graines/$cible"/* "$nouveau/"
        nice -n 19 cargo fuzz run "${OPTIONS_CARGO_FUZZ[@]}" "$cible" "$nouveau" \
            "corpus/$cible" "travail/$cible" -- -set_cover_merge=1 -use_counters=0 -timeout=10 -rss_limit_mb=2048 \
            -max_len=16384 >"travail/merge-$cible.log" 2>&1 \
            || echec "$cible : la minimisation du corpus a echoue (travail/merge-$cible.log)"
        for graine in "graines/$cible"/*; do rm -f "$nouveau/$(basename "$graine")"; done
        rm -rf "corpus/$cible" && mv "$nouveau" "corpus/$cible"
    )
    echo "   $cible : corpus minimise $(find "$DOSSIER_FUZZ/corpus/$cible" -type f | wc -l) fichiers," \
        "$(du -sb "$DOSSIER_FUZZ/corpus/$cible" | cut -f1) octets"
}

installer_cargo_fuzz
construire
mkdir -p "$DOSSIER_FUZZ/travail"
for cible in "${cibles[@]}"; do
    fuzzer "$cible" "$duree" "travail/$cible" "$DOSSIER_FUZZ/travail/long-$cible.log"
    minimiser "$cible"
done
echo "== fuzzing long reussi (${#cibles[@]} cibles, $duree s chacune) le $(date +%F) sur $(nproc) coeurs"
