"""``python -m trialbib``: the same as the ``trialbib`` command."""

from trialbib.cli import main

main()
