"""`python -m exposure rules propose` end to end, and its messages on bad input."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from exposure.cli import main
from exposure.profile import SAMPLE_PROFILE_PATH

POSTS_CSV = (
    "id,text\n"
    '1,"De camera bij poort 3 doet het al weken niet, en na 22:00 is er geen bewaking meer."\n'
    '2,"Vannacht sta ik alleen in de controlekamer bij Noordchem, tot 06:00."\n'
    '3,"Dinsdag komt de tanker met 500 m3 methanol binnen bij jetty 4."\n'
    '4,"Mooie zonsondergang vanavond!"\n'
)


@pytest.fixture
def posts_file(tmp_path: Path) -> Path:
    path = tmp_path / "posts.csv"
    path.write_text(POSTS_CSV, encoding="utf-8")
    return path


def test_unknown_output_format_is_refused_before_scanning(posts_file, tmp_path, capsys):
    code = main(["rules", "propose", str(posts_file), "--out", str(tmp_path / "rules.txt")])
    assert code == 2
    error = capsys.readouterr().err
    assert "onbekend uitvoerformaat '.txt'" in error and "unknown output format '.txt'" in error
    assert not (tmp_path / "rules.txt").exists()


def test_missing_input_file_is_named(tmp_path, capsys):
    code = main(["rules", "propose", str(tmp_path / "nope.csv"), "--out", str(tmp_path / "r.md")])
    assert code == 2
    assert "file not found" in capsys.readouterr().err


def test_a_broken_profile_is_explained(posts_file, tmp_path, capsys):
    bad_profile = tmp_path / "profile.yaml"
    bad_profile.write_text("company_names: [Noordchem\n", encoding="utf-8")
    code = main(
        [
            "rules",
            "propose",
            str(posts_file),
            "--profile",
            str(bad_profile),
            "--out",
            str(tmp_path / "r.md"),
        ]
    )
    assert code == 2
    assert "not valid YAML" in capsys.readouterr().err


def test_a_file_without_posts_is_explained(tmp_path, capsys):
    empty = tmp_path / "posts.csv"
    empty.write_text("id,body\n1,hallo\n", encoding="utf-8")
    code = main(["rules", "propose", str(empty), "--out", str(tmp_path / "r.json")])
    assert code == 2
    error = capsys.readouterr().err
    assert error.startswith("fout: ") and "\nerror: " in error


def test_propose_writes_json_markdown_and_docx(posts_file, tmp_path):
    pytest.importorskip("exposure.scanner")
    from docx import Document

    out_json = tmp_path / "rules.json"
    args = [
        "rules",
        "propose",
        str(posts_file),
        "--profile",
        str(SAMPLE_PROFILE_PATH),
        "--lang",
        "en",
    ]
    assert main([*args, "--out", str(out_json)]) == 0
    proposal = json.loads(out_json.read_text(encoding="utf-8"))
    assert proposal["total_posts"] == 4 and proposal["company"] == "Noordchem"
    from_findings = [rule for rule in proposal["rules"] if rule["score"] > 0]
    assert from_findings, "the risky posts must lead to rules from findings"
    assert all(rule["reasons"] for rule in proposal["rules"])
    for rule in proposal["rules"]:
        for text in rule["quotes"]:
            assert not any(char.isdigit() for char in text)

    out_md = tmp_path / "rules.md"
    assert main([*args, "--out", str(out_md)]) == 0
    assert "Proposed social-media conduct rules: Noordchem" in out_md.read_text(encoding="utf-8")
    out_docx = tmp_path / "rules.docx"
    assert main([*args, "--out", str(out_docx)]) == 0
    paragraphs = Document(io.BytesIO(out_docx.read_bytes())).paragraphs
    assert "Noordchem" in paragraphs[0].text


def test_python_m_exposure_writes_a_pdf(posts_file, tmp_path):
    pytest.importorskip("exposure.scanner")
    out = tmp_path / "rules.pdf"
    completed = subprocess.run(
        [sys.executable, "-m", "exposure", "rules", "propose", str(posts_file), "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert completed.returncode == 0, completed.stderr
    assert out.read_bytes().startswith(b"%PDF")
    assert "regels voorgesteld" in completed.stderr
