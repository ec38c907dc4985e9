"""``python -m summarizer.cli``: the same as the ``summarizer`` command."""

import sys

from .main import main

sys.exit(main())
