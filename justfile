# Shortcuts for the cargo xtask tasks (`cargo install just` to use them).

# Build the page and serve it on http://127.0.0.1:8080/ (e.g. `just serve --port 9000`)
serve *args:
    cargo xtask serve {{args}}

# The whole test suite, exactly what CI runs
test:
    cargo xtask test

# Build the page into web/dist/ (`just build-web --release` for a smaller .wasm)
build-web *args:
    cargo xtask build-web {{args}}

# Install the wasm32 target, Chromium and chromedriver
setup:
    cargo xtask setup

# The long fuzzing runs of RELIABILITY.md: 10 minutes per target, then corpus minimization
# (`just fuzz soap` for one target, `DUREE_LONG=60 just fuzz` for shorter runs)
fuzz *targets:
    fuzz/long.sh {{targets}}

# The 30-second smoke of each fuzz target, as CI runs it
fuzz-smoke *targets:
    fuzz/smoke.sh {{targets}}

# The SIGKILL test of RELIABILITY.md at full size: the server killed in the middle of a 30,000-IA
# remontée batch (CI runs it with 1,000; `just coupure 5000` for another size)
coupure n="30000":
    COUPURE_IA={{n}} cargo test --release -p mock-parcoursup --test coupure -- --nocapture

# Every figure of BENCHMARKS.md: server vs Mockoon and Prism, the 30,000-IA batch, core and WASM
# (e.g. `just bench --sans-coeur --duree 10`)
bench *args:
    cargo xtask bench {{args}}

# The mock under 10 minutes of mixed load, memory and descriptors watched (RELIABILITY.md)
soak *args:
    cargo xtask soak {{args}}
