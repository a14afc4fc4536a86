"""`python -m tcptui`: the same as the `tcptui` command."""

import sys

from .cli import main

sys.exit(main())
