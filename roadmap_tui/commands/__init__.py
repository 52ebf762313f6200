"""One module per ``roadmap`` subcommand; see :data:`roadmap_tui.cli.COMMANDS`."""
