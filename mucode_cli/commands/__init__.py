"""The command line's commands, one module per group; mucode_cli/cli.py assembles them."""
