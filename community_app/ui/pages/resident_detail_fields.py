"""The two field cards of the resident page: 基本信息 (with the masked ID number and phone)
and 住址与网格. Label/value pairs in a grid; empty values are written out in grey."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QWidget

from community_app.core.residents import ResidentDetail
from community_app.ui.pages.resident_detail_parts import Card, PiiValue
from community_app.ui.widgets.field_state import set_flag
from community_app.ui.widgets.named import named

INFO_FIELDS = ("id_type", "id_number", "birth_date", "phone", "ethnicity", "residence_type", "relation_to_head",
               "community", "notes")
PLACE_FIELDS = ("address", "grid")
PII_FIELDS = ("id_number", "phone")


class FieldCards(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.info_card = Card("infoCard")
        self.place_card = Card("placeCard")
        self.names = {f: named(QLabel(), "infoName") for f in INFO_FIELDS + PLACE_FIELDS}
        self.values: dict[str, QLabel] = {f: named(QLabel(), "infoValue") for f in INFO_FIELDS + PLACE_FIELDS
                                          if f not in PII_FIELDS}
        for label in self.values.values():
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.id_value = PiiValue("idNumberValue")
        self.phone_value = PiiValue("phoneValue")
        widgets: dict[str, QWidget] = {**self.values, "id_number": self.id_value, "phone": self.phone_value}
        self._pairs(self.info_card, INFO_FIELDS, widgets, 2)
        self._pairs(self.place_card, PLACE_FIELDS, widgets, 1)

    def _pairs(self, card: Card, fields: tuple[str, ...], widgets: dict[str, QWidget], columns: int) -> None:
        grid = QGridLayout()
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(10)
        for index, field in enumerate(fields):
            wide = field == "notes"  # last, across both columns
            row, column = (100 + index, 0) if wide else (index // columns, (index % columns) * 2)
            self.names[field].setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            grid.addWidget(self.names[field], row, column, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(widgets[field], row, column + 1, 1, 3 if wide else 1, Qt.AlignmentFlag.AlignTop)
        for column in range(1, columns * 2, 2):
            grid.setColumnStretch(column, 1)
        card.body.addLayout(grid)

    def retranslate(self) -> None:
        self.info_card.title.setText(self.tr("基本信息"))
        self.place_card.title.setText(self.tr("住址与网格"))
        names = {"id_type": self.tr("证件类型"), "id_number": self.tr("证件号码"), "birth_date": self.tr("出生日期"),
                 "phone": self.tr("联系电话"), "ethnicity": self.tr("民族"), "residence_type": self.tr("人员类别"),
                 "relation_to_head": self.tr("与户主关系"), "community": self.tr("所属社区"),
                 "notes": self.tr("备注"), "address": self.tr("住址"), "grid": self.tr("所属网格")}
        for field, text in names.items():
            self.names[field].setText(text)
        note = self.tr("已记入审计日志")
        why = self.tr("本次查看（查看人、时间、理由）已记入审计日志；离开本页后重新隐藏。")
        for pii in (self.id_value, self.phone_value):
            pii.set_texts(self.tr("显示"), self.tr("隐藏"), note)
            pii.note.setToolTip(why)

    def id_type_names(self) -> dict[str, str]:
        return {"resident_id": self.tr("居民身份证"), "passport": self.tr("护照"),
                "hk_macao_pass": self.tr("港澳居民来往内地通行证"), "taiwan_pass": self.tr("台湾居民来往大陆通行证"),
                "foreign_permanent": self.tr("外国人永久居留身份证"), "none": self.tr("无证件")}

    def fill(self, d: ResidentDetail, residence_names: dict[str, str], *, can_reveal: bool,
             keep_revealed: bool) -> None:
        """keep_revealed: the same resident again (after a change): a value shown in full stays shown."""
        none = self.tr("未登记")
        v = self.values
        v["id_type"].setText(self.id_type_names().get(d.id_type, d.id_type_name))
        v["birth_date"].setText(d.birth_date.isoformat() if d.birth_date else none)
        v["ethnicity"].setText(d.ethnicity or none)
        v["residence_type"].setText(residence_names.get(d.residence_type, d.residence_type_name))
        v["relation_to_head"].setText(d.relation_to_head or none)
        v["community"].setText(d.community_name)
        v["notes"].setText(d.notes or self.tr("无"))
        v["address"].setText(d.address or self.tr("未登记住址"))
        v["grid"].setText(d.grid_cell_name or self.tr("未划入网格"))
        missing = {"birth_date": d.birth_date is None, "ethnicity": not d.ethnicity,
                   "relation_to_head": not d.relation_to_head, "notes": not d.notes, "address": not d.address,
                   "grid": not d.grid_cell_name}
        for field, label in v.items():
            set_flag(label, "empty", missing.get(field, False))
        for pii, masked in ((self.id_value, d.id_number_masked), (self.phone_value, d.phone_masked)):
            if not (keep_revealed and pii.revealed):
                pii.set_masked(masked, can_reveal=can_reveal, empty_text=none)

    def forget_revealed(self) -> None:
        for pii in (self.id_value, self.phone_value):
            pii.set_masked("", can_reveal=False, empty_text="")
