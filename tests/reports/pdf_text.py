"""Reading a built PDF back the way a user or another program would: pdftotext, pdffonts,
pypdf. Text is compared with whitespace removed (pdftotext spaces CJK text unpredictably)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from pypdf import PdfReader


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def pdf_pages_text(path: Path) -> list[str]:
    """pdftotext -layout text of each page (rows of a table stay on one line)."""
    command = ["pdftotext", "-layout", "-enc", "UTF-8", str(path), "-"]
    out = subprocess.run(command, check=True, capture_output=True).stdout
    pages = out.decode("utf-8").split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


def pdf_text(path: Path) -> str:
    return squeeze("".join(pdf_pages_text(path)))


def pdf_fonts(path: Path) -> dict[str, str]:
    """Font base name (subset prefix dropped) → the 'emb' column of pdffonts."""
    out = subprocess.run(["pdffonts", str(path)], check=True, capture_output=True, text=True).stdout
    fonts: dict[str, str] = {}
    for line in out.splitlines()[2:]:
        parts = line.split()
        if len(parts) >= 5:
            name = parts[0].split("+", 1)[-1]
            emb = parts[-5]  # emb sub uni object-id generation
            fonts[name] = emb
    return fonts


def page_count(path: Path) -> int:
    return len(PdfReader(str(path)).pages)
