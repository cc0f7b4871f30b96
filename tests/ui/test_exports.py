"""Downloads open safely in a spreadsheet."""

from __future__ import annotations

import csv
import io

from app.ui.exports import csv_bytes


def test_cells_that_a_spreadsheet_would_run_as_formulas_stay_text():
    data = csv_bytes(["name", "email"], [('=HYPERLINK("http://x")', "@evil"), ("Jan", "j@x.nl")])
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[1] == ['\'=HYPERLINK("http://x")', "'@evil"]
    assert rows[2] == ["Jan", "j@x.nl"]


def test_csv_starts_with_a_byte_order_mark_for_spreadsheets():
    assert csv_bytes(["naam"], [("José",)]).startswith(b"\xef\xbb\xbf")
