"""Masked forms of personal data, shown by default everywhere (screen, exports, PDFs).

ID number: first 3 + '*' + last 4 (370***********1234); mobile: 3 + **** + 4 (138****5678);
landline: area code + **** + last digits (0532-****1234). Masks never reveal more than these
rules allow, even for odd input: a short value becomes all stars.
"""

from __future__ import annotations

import re

_MOBILE = re.compile(r"1\d{10}")
_LANDLINE = re.compile(r"(0\d{2,3})-(\d{5,8})(?:-\d+)?")


def mask_id_number(value: str | None) -> str:
    """370202199001011234 → 370***********1234; ≤ 7 characters → all '*'; None → ""."""
    if not value:
        return ""
    text = value.strip()
    if len(text) <= 7:
        return "*" * len(text)
    return text[:3] + "*" * (len(text) - 7) + text[-4:]


def mask_phone(value: str | None) -> str:
    """13812345678 → 138****5678; 0532-83871234(-806) → 0532-****1234; 83871234 → ****1234."""
    if not value:
        return ""
    text = value.strip()
    if _MOBILE.fullmatch(text):
        return text[:3] + "****" + text[-4:]
    landline = _LANDLINE.fullmatch(text)
    if landline:  # the extension is dropped: it adds nothing once the number is hidden
        area, local = landline.groups()
        return f"{area}-****{local[-4:] if len(local) >= 7 else local[-2:]}"
    digits = "".join(ch for ch in text if ch.isdigit())
    if len(digits) >= 7:
        return "****" + digits[-4:]
    if len(digits) >= 4:
        return "****" + digits[-2:]
    return mask_text(text)


def mask_text(value: str | None) -> str:
    """Generic mask: at most a quarter of the characters shows at each end (张三 → **)."""
    if not value:
        return ""
    text = value.strip()
    keep = len(text) // 4
    if keep == 0:
        return "*" * len(text)
    return text[:keep] + "*" * (len(text) - 2 * keep) + text[-keep:]
