"""The knowledge base loads, is consistent, knows the seeds' people and mechanisms, and a user's
folder overrides it."""
import pytest

from parley import kb
from parley.errors import KnowledgeBaseError


def test_bundled_kb_is_consistent():
    k = kb.load()
    assert len(k.actors) > 100
    for a in k.actors.values():
        for r in a.roles:
            assert r.org is None or r.org in k.orgs, (a.id, r.org)
    for m in k.mechanisms.values():
        assert m.id.startswith("-".join(sorted(p.lower() for p in m.data["parties"])) + "-"), m.id


def test_seed_people_and_mechanisms_are_known():
    k = kb.load()
    for ident in ("nikolai-patrushev", "yang-jiechi", "xi-jinping", "dai-bingguo", "bai-tian", "hua-chunying"):
        assert ident in k.actors
    for ident in ("cn-ru-strategic-security-consultation", "cn-ru-law-enforcement-security-cooperation",
                  "cn-ru-mfa-counterterrorism-consultation"):
        assert ident in k.mechanisms


def test_roles_are_checked_against_dates():
    xi = kb.load().actors["xi-jinping"]
    assert xi.role_at("2011-10-20").title == "Vice President"
    assert xi.role_at("2022-09-15").title.startswith("President")


def test_user_folder_overrides_and_extends(tmp_path):
    (tmp_path / "actors.yaml").write_text(
        "- id: ivan-testov\n  type: person\n  country: RU\n  names: {en: [Ivan Testov]}\n", encoding="utf-8")
    k = kb.load([str(tmp_path)])
    assert "ivan-testov" in k.actors and "nikolai-patrushev" in k.actors


def test_bad_user_file_is_a_clear_error(tmp_path):
    (tmp_path / "actors.yaml").write_text("- id: x\n  roles: [{start: yesterday}]\n", encoding="utf-8")
    with pytest.raises(KnowledgeBaseError):
        kb.load([str(tmp_path)])
