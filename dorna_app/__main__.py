"""`python -m dorna_app ...`"""

import sys

from dorna_app.cli import main

sys.exit(main())
