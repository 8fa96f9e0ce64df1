"""The report as PDF: the HTML report printed by headless Chromium, the browser the tests use
(Debian's ``chromium``); nothing is fetched (the page has no external resource)."""

from __future__ import annotations

import shutil

CHROMIUMS = ("chromium", "chromium-browser", "google-chrome")
"""The Chromium commands looked for, in this order."""
TIMEOUT_S = 120
"""The longest a print may take before it is given up."""


def chromium() -> str | None:
    """The path of the first Chromium command on ``PATH``, or None."""
    return next((found for name in CHROMIUMS if (found := shutil.which(name))), None)


def html_to_pdf(html: str) -> bytes:
    """``html`` printed to PDF (A4, the page's print stylesheet); ``FrugalError`` without Chromium or
    when the print fails."""
    import subprocess
    import tempfile
    from pathlib import Path

    from ..errors import FrugalError

    browser = chromium()
    if browser is None:
        raise FrugalError("a PDF report needs Chromium (apt-get install chromium); write .html and print it "
                          "from a browser instead.")
    with tempfile.TemporaryDirectory(prefix="frugal-pdf-") as folder:
        page, pdf = Path(folder, "report.html"), Path(folder, "report.pdf")
        page.write_text(html, encoding="utf-8")
        command = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                   f"--user-data-dir={folder}/profile", f"--print-to-pdf={pdf}", page.as_uri()]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT_S)
        except subprocess.TimeoutExpired:
            raise FrugalError(f"Chromium did not print the report within {TIMEOUT_S} s.") from None
        if done.returncode != 0 or not pdf.exists() or pdf.stat().st_size == 0:
            last = (done.stderr.strip().splitlines() or ["no message"])[-1]
            raise FrugalError(f"Chromium could not print the report ({last}).")
        return pdf.read_bytes()
