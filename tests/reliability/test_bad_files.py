"""Bad files: each rejected by name with its reason; the good ones indexed; exit code 3 says so."""

import json

from tests.reliability.conftest import cli, index_state, make_corpus


def test_directory_of_1000_files_with_bad_and_odd_ones(tmp_path):
    corpus = tmp_path / "corpus"
    make_corpus(corpus, 990)
    bad = {
        "empty.txt": b"",
        "blank.txt": b"   \n\n\t  \n",
        "image.txt": b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4,
        "report.md": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj",
        "header-only.txt": b"title: Only a header\n",
        "zip.txt": b"PK\x03\x04" + b"\x00" * 100,
        "nul.txt": b"text with a \x00 NUL byte inside",
    }
    for name, data in bad.items():
        (corpus / name).write_bytes(data)
    odd = {  # lenient metadata: loaded, with a warning (the date is read, the others dropped)
        "slash-date.txt": b"title: X\ndate: 17/11/2014\n\nText here.",
        "odd-date.txt": b"title: Y\ndate: the day after\n\nOther text here.",
        "bad-url.md": b"url: javascript:alert(1)\n\nText there.",
        "twice.txt": b"title: A\ntitle: B\n\nText.",
    }
    for name, data in odd.items():
        (corpus / name).write_bytes(data)
    (corpus / "latin1.txt").write_bytes("title: Caf\xe9\n\nLe caf\xe9 a ferm\xe9 hier soir apr\xe8s la manifestation.".encode("latin-1"))
    (corpus / "utf16.txt").write_bytes("title: Zürich\n\nDie Gespräche in Zürich wurden fortgesetzt.".encode("utf-16"))
    out = cli(["ingest", str(corpus), "--json"], tmp_path / "data")
    assert out.returncode == 3, out.stderr
    report = json.loads(out.stdout)
    assert report["added"] == 996
    rejected = {r["path"].rsplit("/", 1)[-1]: r["reason"] for r in report["rejected"]}
    assert set(rejected) == set(bad)
    for name, reason in rejected.items():
        assert name in reason and "Fix:" in reason, reason
    assert "binary" in rejected["image.txt"] and "PDF is damaged" in rejected["report.md"]
    warned = {r["path"].rsplit("/", 1)[-1] for r in report["warnings"]}
    assert warned == {"odd-date.txt", "bad-url.md", "twice.txt"}
    catalog, chroma, fts = index_state(tmp_path / "data")
    assert catalog == chroma and fts == len(catalog)
    again = cli(["ingest", str(corpus), "--json"], tmp_path / "data")
    assert json.loads(again.stdout)["chunks_added"] == 0 and index_state(tmp_path / "data")[0] == catalog


def test_50_mb_file_is_rejected_with_the_limit(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    with (corpus / "huge.txt").open("w") as f:
        line = "The convoy moved north through the valley at dawn. " * 20 + "\n"
        while f.tell() < 50 * 1024 * 1024:
            f.write(line)
    (corpus / "ok.txt").write_text("A normal article about the convoy.")
    out = cli(["ingest", str(corpus), "--json"], tmp_path / "data")
    report = json.loads(out.stdout)
    assert out.returncode == 3 and report["added"] == 1
    assert "5,000,000-byte limit" in report["rejected"][0]["reason"]
    assert "SOURCECHECK_MAX_FILE_BYTES" in report["rejected"][0]["reason"]


def test_missing_directory_is_a_clear_error(tmp_path):
    out = cli(["ingest", str(tmp_path / "nope")], tmp_path / "data")
    assert out.returncode == 2 and "no such directory" in out.stderr and "Traceback" not in out.stderr
