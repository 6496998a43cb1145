"""The name an upload really carried: Reflex keeps only its last path segment, so the state reads the
multipart header itself; a path is then refused by the attachment check, not silently shortened."""

from __future__ import annotations

import pytest
from starlette.datastructures import Headers

from dorna_app.state.ticket_views import raw_filename
from dorna_app.support.attachments import AttachmentError, check_name


class _Upload:
    def __init__(self, disposition: str) -> None:
        self.headers = Headers({"content-disposition": disposition})
        self.path = None


@pytest.mark.parametrize(("disposition", "name"), [
    ('form-data; name="files"; filename="./screen.png"', "screen.png"),  # the picker's own prefix
    ('form-data; name="files"; filename="../../etc/passwd.png"', "../../etc/passwd.png"),
    ('form-data; name="files"; filename="a/./b.png"', "a/./b.png"),
    ('form-data; name="files"; filename="\u0635\u0641\u062d\u0647.png"'.encode().decode("latin-1"), "صفحه.png"),
])
def test_the_name_as_sent(disposition, name):
    assert raw_filename(_Upload(disposition)) == name


@pytest.mark.parametrize("name", ["../../etc/passwd.png", "a/./b.png", "..\\x.png", ".htaccess", "x\u202egnp.exe"])
def test_a_path_or_a_trick_is_refused(name):
    with pytest.raises(AttachmentError):
        check_name(name)
