#!/usr/bin/env bash
# CI smoke of the fuzz targets: builds them with cargo-fuzz (installing it if needed) and fuzzes
# each for 30 seconds (DUREE_SMOKE to change it), starting from the committed corpus. Fails,
# naming the saved input, when a target panics, hangs or blows its memory limit.
#
#   fuzz/smoke.sh [target...]        (targets: scenario fichiers_plats rest_json soap)
#
# Idempotent: new inputs go to fuzz/travail/smoke/, emptied first and ignored by git; the
# committed corpus is not touched.

source "$(dirname "${BASH_SOURCE[0]}")/commun.sh"

duree="${DUREE_SMOKE:-30}"
cibles=("$@")
[[ ${#cibles[@]} -gt 0 ]] || cibles=("${CIBLES[@]}")
for cible in "${cibles[@]}"; do verifier_cible "$cible"; done

installer_cargo_fuzz
construire
rm -rf "$DOSSIER_FUZZ/travail/smoke"
mkdir -p "$DOSSIER_FUZZ/travail/smoke"
for cible in "${cibles[@]}"; do
    fuzzer "$cible" "$duree" "travail/smoke/$cible" "$DOSSIER_FUZZ/travail/smoke/$cible.log"
done
echo "== smoke du fuzzing reussi (${#cibles[@]} cibles, $duree s chacune)"
