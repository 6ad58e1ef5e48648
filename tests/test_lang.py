"""Every language pack loads and has the same files and keys."""
import pytest

from parley.errors import KnowledgeBaseError
from parley.lang import FILES, available, load


@pytest.mark.parametrize("code", available())
def test_pack_loads_with_every_file(code):
    pack = load(code)
    assert set(pack.data) == set(FILES)
    assert pack.months and pack.weekdays
    assert pack["triggers"]["consult"]["verbs"] and pack["quotes"]["verbs"]


def test_unknown_language_is_a_clear_error():
    with pytest.raises(KnowledgeBaseError):
        load("xx")
