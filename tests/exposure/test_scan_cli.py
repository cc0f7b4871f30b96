"""The batch CLI contract of DESIGN.md, run as a user runs it: in a subprocess."""

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from exposure.models import LABELS, RISK_LEVELS

ROOT = Path(__file__).resolve().parents[2]
POSTS = [
    {"id": "b", "text": "Weer nachtdienst bij Noordchem en de camera bij poort 3 doet het niet"},
    {"id": "a", "text": "Lovely walk on the beach, found a shell 🐚", "lang": "en"},
    {"id": "c", "text": "Bel me: 06-12345678. De tanker komt donderdag om 06:00"},
]


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "exposure", *args],
        input=stdin,
        capture_output=True,
        cwd=ROOT,
        timeout=120,
    )


def write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8"
    )
    return path


def test_jsonl_in_jsonl_out_in_input_order_with_slicing_offsets(tmp_path) -> None:
    # Extra fields, as written by `python -m exposure import`, are accepted and ignored.
    rows = [dict(r, platform="mastodon", created_at=None, url=None) for r in POSTS]
    proc = run("scan", str(write_jsonl(tmp_path / "posts.jsonl", rows)), "--format", "jsonl")
    assert proc.returncode == 0, proc.stderr.decode()
    out = [json.loads(line) for line in proc.stdout.decode().splitlines()]
    assert [o["id"] for o in out] == ["b", "a", "c"]
    texts = {r["id"]: r["text"] for r in POSTS}
    for obj in out:
        assert set(obj) == {"id", "lang", "risk", "score", "findings", "rewrite"}
        assert obj["risk"] in RISK_LEVELS and 0 <= obj["score"] <= 1
        for f in obj["findings"]:
            assert set(f) == {"start", "end", "text", "label", "explanation"}
            assert texts[obj["id"]][f["start"] : f["end"]] == f["text"]
            assert f["label"] in LABELS and f["explanation"]
    by_id = {o["id"]: o for o in out}
    assert by_id["b"]["risk"] == "high"
    assert by_id["a"]["risk"] == "none" and by_id["a"]["lang"] == "en"
    assert any(f["label"] == "IDENTIFIER" for f in by_id["c"]["findings"])


def test_csv_from_stdin_with_csv_output() -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["id", "text"])
    for row in POSTS:
        writer.writerow([row["id"], row["text"]])
    proc = run("scan", "-", "--format", "csv", stdin=buffer.getvalue().encode())
    assert proc.returncode == 0, proc.stderr.decode()
    rows = list(csv.DictReader(io.StringIO(proc.stdout.decode())))
    assert [r["id"] for r in rows] == ["b", "a", "c"]
    assert rows[0]["risk"] == "high"


def test_broken_jsonl_line_is_named_and_good_lines_still_scanned(tmp_path) -> None:
    path = tmp_path / "posts.jsonl"
    good = json.dumps(POSTS[0]) + "\n"
    path.write_bytes(
        good.encode()
        + b'{"id": "x", "text": \n'
        + b'{"id": "y", "text": "caf\xe9"}\n'
        + good.encode()
    )
    proc = run("scan", str(path))
    err = proc.stderr.decode()
    assert proc.returncode == 1
    assert "line 2" in err and "line 3" in err and "UTF-8" in err
    assert len(proc.stdout.decode().splitlines()) == 2


def test_csv_without_text_column_is_unusable(tmp_path) -> None:
    path = tmp_path / "posts.csv"
    path.write_text("id,body\n1,hallo\n", encoding="utf-8")
    proc = run("scan", str(path), "--format", "table")
    assert proc.returncode == 2
    assert "line 1" in proc.stderr.decode() and "text" in proc.stderr.decode()
    assert proc.stdout == b""


@pytest.mark.parametrize(
    "args",
    [
        ("scan", "does/not/exist.jsonl"),
        ("scan", "-", "--profile", "does/not/exist.yaml"),
    ],
)
def test_missing_files_exit_two_with_a_message(args) -> None:
    proc = run(*args, stdin=b'{"id": "1", "text": "hoi"}\n')
    assert proc.returncode == 2
    assert proc.stderr.strip()
    assert b"Traceback" not in proc.stderr


def test_binary_input_is_refused_without_traceback(tmp_path) -> None:
    path = tmp_path / "posts.csv"
    path.write_bytes(bytes(range(256)) * 40)
    proc = run("scan", str(path))
    assert proc.returncode == 2
    assert b"Traceback" not in proc.stderr


def test_table_and_dossier_outputs(tmp_path) -> None:
    rows = [dict(r, author="sanne") for r in POSTS]
    path = write_jsonl(tmp_path / "posts.jsonl", rows)
    table = run("scan", str(path), "--format", "table", "--ui-lang", "en")
    assert table.returncode == 0
    lines = table.stdout.decode().splitlines()
    assert lines[0].split()[:3] == ["id", "lang", "risk"] and len(lines) == 4
    dossier = run("scan", str(path), "--dossier", "--format", "jsonl")
    assert dossier.returncode == 0
    data = json.loads(dossier.stdout.decode())
    assert data["author"] == "sanne" and data["post_count"] == 3 and data["risk"] == "high"
    assert all(set(item["post_ids"]) <= {"a", "b", "c"} for item in data["items"])
