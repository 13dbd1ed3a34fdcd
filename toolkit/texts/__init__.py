"""Every piece of Vietnamese text a user reads: workbook labels, messages, the error catalogue's words.

Kept in one package so that wording is reviewed in one place and never hides inside the logic; one
module per audience. Everything is read as ``texts.NAME``.
"""

from .findings import *  # noqa: F403
from .forms import *  # noqa: F403
from .letters import *  # noqa: F403
from .terminal import *  # noqa: F403
from .workbooks import *  # noqa: F403
from .reports import *  # noqa: F403
from .web import *  # noqa: F403
