// Times the benchmark summer in WebAssembly under Node.js, like the native criterion bench:
// the cohort is prepared first, then each replay is timed. Usage (from the workspace root):
//   cargo build --release -p cycle-cohorte-wasm --target wasm32-unknown-unknown
//   node crates/cycle-cohorte-wasm/bench.mjs [taille=100000] [tours=5]
import { readFile } from "node:fs/promises";
import { performance } from "node:perf_hooks";

const taille = Number(process.argv[2] ?? 100000);
const tours = Number(process.argv[3] ?? 5);
const chemin = new URL("../../target/wasm32-unknown-unknown/release/cycle_cohorte_wasm.wasm", import.meta.url);
const { instance } = await WebAssembly.instantiate(await readFile(chemin), {});
const { preparer, rejouer_preparee } = instance.exports;

preparer(taille);
rejouer_preparee(); // warm-up: lets the engine compile the hot code with its optimising tier
const durees = [];
let entrees = 0;
for (let i = 0; i < tours; i++) {
  const debut = performance.now();
  entrees = rejouer_preparee();
  durees.push(performance.now() - debut);
}
durees.sort((a, b) => a - b);
const mediane = durees[Math.floor(durees.length / 2)];
console.log(JSON.stringify({ taille, tours, entrees, mediane_ms: Math.round(mediane), min_ms: Math.round(durees[0]), max_ms: Math.round(durees[durees.length - 1]) }));
