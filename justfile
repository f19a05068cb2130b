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

# Every figure of BENCHMARKS.md: server vs Mockoon and Prism, the 30,000-IA batch, core and WASM
# (e.g. `just bench --sans-coeur --duree 10`)
bench *args:
    cargo xtask bench {{args}}

# The mock under 10 minutes of mixed load, memory and descriptors watched (RELIABILITY.md)
soak *args:
    cargo xtask soak {{args}}
