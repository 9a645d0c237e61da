"""``python -m sigmoids``: the command line (see :mod:`sigmoids.cli`)."""
from sigmoids.cli import main

if __name__ == "__main__":
    main()
