"""``python -m qlr``: the ``qlr`` command (``[project.scripts]`` in pyproject.toml), for set-ups without the script on PATH."""

import sys

from .cli import main

if __name__ == "__main__":
    sys.exit(main())
