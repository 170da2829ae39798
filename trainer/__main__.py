"""``python -m trainer`` / ``accelerate launch -m trainer``: the same as ``mucode train``."""

import sys

from mucode_cli.cli import main

if __name__ == "__main__":
    sys.argv = [sys.argv[0], "train", *sys.argv[1:]]
    main()
