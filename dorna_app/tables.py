"""Every table of the app, for migrations and for anything that needs the whole schema.

Each package keeps its own tables beside its code; this module only gathers them.
"""

from sqlmodel import SQLModel

import dorna_app.accounts.models
import dorna_app.accounts.otp
import dorna_app.accounts.recovery
import dorna_app.backoffice.models
import dorna_app.billing.models
import dorna_app.jobs.models
import dorna_app.live
import dorna_app.notify.models
import dorna_app.provisioning.models
import dorna_app.support.models  # noqa: F401  (each import registers its tables)

metadata = SQLModel.metadata
