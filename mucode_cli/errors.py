"""Errors that mean "the user gave us something we cannot use" (exit code 2)."""


class UserError(Exception):
    """Bad input: a missing/malformed file, a wrong option, a broken model.

    The CLI prints the message on one line and exits 2 without writing anything.
    """
