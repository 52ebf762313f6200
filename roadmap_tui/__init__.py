"""roadmap-tui: multi-year roadmaps as TOML files in git, shown as Gantt timelines."""

__version__ = "0.1.0"
