"""Regenerate the Qt Linguist files of the desktop app.

    python tools/update_translations.py           # lupdate the .ts, then lrelease the .qm
    python tools/update_translations.py --check   # exit 1 if a string lacks a translation
                                                  # or the .ts is out of date with the code

Source strings are Simplified Chinese (the default language); translators edit
resources/i18n/community_app_<lang>.ts with Qt Linguist (pyside6-linguist), then run this
again to compile the .qm files the app loads.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [ROOT / "community_app" / "ui", ROOT / "community_app" / "app.py"]
I18N = ROOT / "resources" / "i18n"
SOURCE_LANGUAGE = "zh_CN"
LANGUAGES = ("en",)


def tool(name: str) -> str:
    """pyside6-lupdate / pyside6-lrelease from the running environment, else from PATH."""
    beside = Path(sys.executable).parent / name
    found = str(beside) if beside.exists() else shutil.which(name)
    if not found:
        sys.exit(f"{name} not found: install PySide6 in this environment")
    return found


def python_sources() -> list[str]:
    files: list[Path] = []
    for source in SOURCES:
        files.extend(sorted(source.rglob("*.py")) if source.is_dir() else [source])
    return [str(f) for f in files]


def lupdate(ts_file: Path, language: str) -> None:
    subprocess.run(
        [tool("pyside6-lupdate"), *python_sources(), "-ts", str(ts_file), "-no-obsolete",
         "-locations", "relative", "-source-language", SOURCE_LANGUAGE, "-target-language", language,
         "-silent"],
        check=True, cwd=ROOT,
    )


def lrelease(ts_file: Path) -> Path:
    qm_file = ts_file.with_suffix(".qm")
    subprocess.run([tool("pyside6-lrelease"), "-silent", str(ts_file), "-qm", str(qm_file)], check=True)
    return qm_file


def unfinished(ts_file: Path) -> list[str]:
    """Source texts with no finished translation."""
    missing = []
    for message in ET.parse(ts_file).getroot().iter("message"):
        translation = message.find("translation")
        if translation is None or translation.get("type") in ("unfinished", "vanished", "obsolete"):
            missing.append(message.findtext("source") or "")
            continue
        forms = translation.findall("numerusform") if message.get("numerus") == "yes" else [translation]
        if not forms or not all((form.text or "").strip() for form in forms):
            missing.append(message.findtext("source") or "")
    return missing


def check(language: str) -> list[str]:
    """Problems with one language: strings lupdate would add or that lack a translation."""
    ts_file = I18N / f"community_app_{language}.ts"
    if not ts_file.exists():
        return [f"{ts_file.name} is missing"]
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / ts_file.name
        shutil.copy2(ts_file, fresh)
        lupdate(fresh, language)
        problems = [f"{language}: no translation for {text!r}" for text in unfinished(fresh)]
        # compare bytes, not mtimes: a git checkout does not keep mtimes
        committed = Path(tmp) / f"committed-{ts_file.name}"
        shutil.copy2(ts_file, committed)
        compiled = lrelease(committed)
        qm_file = ts_file.with_suffix(".qm")
        if not qm_file.exists() or qm_file.read_bytes() != compiled.read_bytes():
            problems.append(f"{qm_file.name} does not match {ts_file.name}: run tools/update_translations.py")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--check", action="store_true", help="report missing translations, change nothing")
    args = parser.parse_args(argv)
    if args.check:
        problems = [p for language in LANGUAGES for p in check(language)]
        for problem in problems:
            print(problem)
        return 1 if problems else 0
    I18N.mkdir(parents=True, exist_ok=True)
    for language in LANGUAGES:
        ts_file = I18N / f"community_app_{language}.ts"
        lupdate(ts_file, language)
        qm_file = lrelease(ts_file)
        missing = unfinished(ts_file)
        print(f"{ts_file.relative_to(ROOT)}: {len(missing)} untranslated; wrote {qm_file.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
