# roadmap-tui developer recipes. `pip install -e '.[dev]'` provides `just` (rust-just).

venv := ".venv/bin/"

# list the recipes
default:
    @just --list

# open the app on the bundled roadmaps (pass --as-of, paths …)
run *ARGS:
    {{venv}}roadmap {{ARGS}}

# run the test suite (the same command as README and .ci/run)
test *ARGS:
    NO_COLOR= {{venv}}python -m pytest -q {{ARGS}}

# re-record snapshot SVGs after an intended UI change (then open and look at each one)
snapshots *ARGS:
    NO_COLOR= {{venv}}python -m pytest -q tests/ui --snapshot-update {{ARGS}}

# ruff lint and format check
lint:
    {{venv}}ruff check roadmap_tui tests bench
    {{venv}}ruff format --check roadmap_tui tests bench

# strict mypy over the package
typecheck:
    {{venv}}mypy

# benchmarks: prints a table and writes BENCHMARKS.md (SIZES="1000 10000 100000")
bench *ARGS:
    {{venv}}python -m bench {{ARGS}}

# everything CI and a reviewer care about
check: lint typecheck test

# extract _() strings into the Japanese catalog, keep translations, recompile the .mo
i18n:
    {{venv}}python -m roadmap_tui.i18n_tools
