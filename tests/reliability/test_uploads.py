"""Uploads: names sanitised, stored only inside the data directory, size and count limits."""

from pathlib import Path

from bot.page_articles import MAX_UPLOAD_FILES
from bot.page_articles import ArticlesPage as Page
from bot.page_articles import safe_name as _safe_name


class Upload:
    def __init__(self, path: Path, orig_name: str) -> None:
        self.name = str(path)
        self.orig_name = orig_name


def test_names_are_sanitised():
    assert _safe_name("../../etc/passwd.txt") == "passwd.txt"
    assert _safe_name("..\\..\\win.md") == "win.md"
    assert _safe_name("<script>.txt") == "script_.txt"
    assert _safe_name("...") == "article"


def test_uploads_land_inside_the_data_dir_and_limits_hold(hashing_bot, tmp_path):
    page = Page(hashing_bot)
    src = tmp_path / "in.txt"
    src.write_text("title: Port\n\nThe port of Tartus reopened on Monday, officials said.")
    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * (hashing_bot.settings.max_file_bytes + 1))
    result = page.add([Upload(src, "../../../../tmp/evil.txt"), Upload(big, "big.txt")], "", "")
    assert "1 articles added" in result and "over the" in result
    stored = list((Path(hashing_bot.settings.data_dir) / "uploads").iterdir())
    assert len(stored) == 1 and stored[0].name.endswith("evil.txt")
    assert stored[0].resolve().is_relative_to(Path(hashing_bot.settings.data_dir).resolve())
    many = [Upload(src, f"f{i}.txt") for i in range(MAX_UPLOAD_FILES + 5)]
    assert f"only the first {MAX_UPLOAD_FILES}" in page.add(many, "", "")


def test_pasted_text_becomes_an_article(hashing_bot):
    page = Page(hashing_bot)
    out = page.add([], "Harbour news", "The port of Tartus reopened on Monday after three weeks.")
    assert "1 articles added" in out
    answer = hashing_bot.ask("When did the port of Tartus reopen?")
    assert any("Tartus" in c.quote for c in answer.citations)
