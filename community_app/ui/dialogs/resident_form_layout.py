"""The widgets of the resident form and how they are laid out: two columns of fields, each
with a message line under it, in sections (identity, contact and residence, address, tags,
notes) inside a scroll area, the buttons always visible below. No logic beyond reading and
filling the fields; ResidentFormDialog does the rest."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session, sessionmaker

from community_app.core import localtime
from community_app.core.problems import Problem, error
from community_app.core.residents.inputs import ResidentInput
from community_app.ui.widgets.household_picker import HouseholdPicker
from community_app.ui.widgets.named import named
from community_app.ui.widgets.optional_date_edit import OptionalDateEdit
from community_app.ui.widgets.pii_field import PiiField

# the 56 ethnic groups of GB/T 3304, most common in Qingdao first; any other text may be typed
ETHNICITIES = (
    "汉族", "回族", "满族", "朝鲜族", "蒙古族", "壮族", "土家族", "苗族", "维吾尔族", "彝族", "藏族", "布依族", "侗族",
    "瑶族", "白族", "哈尼族", "哈萨克族", "傣族", "黎族", "傈僳族", "佤族", "畲族", "高山族", "拉祜族", "水族",
    "东乡族", "纳西族", "景颇族", "柯尔克孜族", "土族", "达斡尔族", "仫佬族", "羌族", "布朗族", "撒拉族", "毛南族",
    "仡佬族", "锡伯族", "阿昌族", "普米族", "塔吉克族", "怒族", "乌孜别克族", "俄罗斯族", "鄂温克族", "德昂族",
    "保安族", "裕固族", "京族", "塔塔尔族", "独龙族", "鄂伦春族", "赫哲族", "门巴族", "珞巴族", "基诺族",
)
# 户口簿 wording, as the demo and imports write it
RELATIONS = ("户主", "配偶", "子女", "父母", "孙子女", "儿媳", "女婿", "兄弟姐妹", "祖父母", "其他")
ID_TYPES = ("resident_id", "passport", "hk_macao_pass", "taiwan_pass", "foreign_permanent", "none")
RESIDENCE_TYPES = ("registered", "floating", "overseas")
TAG_COLUMNS = 5
ROOM_MISSING = "household.room_missing"


class FormWidgets(QWidget):
    def __init__(self, session_factory: sessionmaker[Session], community_code: str, *, can_reveal: bool,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("residentForm")
        self.heading = named(QLabel(), "dialogHeading")
        self.hint = named(QLabel(), "dialogHint")
        self.name_edit = named(QLineEdit(), "nameEdit")
        self.name_edit.setMaxLength(64)
        self.sex_combo = named(QComboBox(), "sexCombo")
        for code in ("", "M", "F"):
            self.sex_combo.addItem("", code or None)
        self.id_type_combo = named(QComboBox(), "idTypeCombo")
        for code in ID_TYPES:
            self.id_type_combo.addItem("", code)
        self.id_number_edit = named(QLineEdit(), "idNumberEdit")
        self.id_number_edit.setMaxLength(24)  # room for pasted spaces; core cleans them
        self.id_field = PiiField(self.id_number_edit, can_reveal=can_reveal, can_replace=False)
        self.birth_edit = named(OptionalDateEdit(), "birthDateEdit")
        self.birth_edit.set_maximum(localtime.today())
        self.ethnicity_combo = named(QComboBox(), "ethnicityCombo")
        self.ethnicity_combo.setEditable(True)
        self.ethnicity_combo.addItems(ETHNICITIES)
        self.ethnicity_combo.setCurrentIndex(-1)
        self.phone_edit = named(QLineEdit(), "phoneEdit")
        self.phone_edit.setMaxLength(32)
        self.phone_field = PiiField(self.phone_edit, can_reveal=can_reveal, can_replace=True)
        self.residence_combo = named(QComboBox(), "residenceCombo")
        for code in RESIDENCE_TYPES:
            self.residence_combo.addItem("", code)
        self.picker = HouseholdPicker(session_factory, community_code)
        self.relation_combo = named(QComboBox(), "relationCombo")
        self.relation_combo.setEditable(True)
        self.relation_combo.addItems(RELATIONS)
        self.relation_combo.setCurrentIndex(-1)
        self.tags_box = named(QWidget(), "tagsBox")
        self.tag_checks: dict[str, QCheckBox] = {}
        self.notes_edit = named(QPlainTextEdit(), "notesEdit")
        self.notes_edit.setFixedHeight(72)
        self.notes_edit.setTabChangesFocus(True)

        self.inputs: dict[str, QWidget] = {
            "name": self.name_edit, "sex": self.sex_combo, "id_type": self.id_type_combo,
            "id_number": self.id_number_edit, "birth_date": self.birth_edit, "ethnicity": self.ethnicity_combo,
            "phone": self.phone_edit, "residence_type": self.residence_combo, "household_id": self.picker,
            "relation_to_head": self.relation_combo, "tags": self.tags_box, "notes": self.notes_edit,
        }
        self.labels = {field: named(QLabel(), "formLabel") for field in self.inputs}
        self.messages = {field: named(QLabel(), "fieldMessage") for field in self.inputs}
        for message in self.messages.values():
            message.setWordWrap(True)
            message.setContentsMargins(2, 0, 0, 4)
            message.hide()
        self.section_labels = [named(QLabel(), "sectionTitle") for _ in range(3)]
        self.error_banner = named(QLabel(), "errorBanner")
        self.error_banner.setWordWrap(True)
        self.error_banner.hide()
        self.status_label = named(QLabel(), "pageStatus")
        height = self.name_edit.sizeHint().height()
        for widget in (self.sex_combo, self.id_type_combo, self.birth_edit, self.ethnicity_combo,
                       self.residence_combo, self.relation_combo, *self.picker.combos()):
            widget.setMinimumHeight(height)
        self.save_button = named(QPushButton(), "primaryButton")
        self.save_button.setDefault(True)
        self.cancel_button = QPushButton()
        self.cancel_button.setAutoDefault(False)
        self._build()

    # layout ---------------------------------------------------------------------------------
    def _field(self, grid: QGridLayout, row: int, column: int, field: str, widget: QWidget, span: int = 1) -> None:
        top = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop
        self.labels[field].setMinimumHeight(self.name_edit.sizeHint().height())
        self.labels[field].setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        grid.addWidget(self.labels[field], row, column * 3, top)
        grid.addWidget(widget, row, column * 3 + 1, 1, span)
        grid.addWidget(self.messages[field], row + 1, column * 3 + 1, 1, span)

    @staticmethod
    def _grid() -> QGridLayout:
        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(4)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(4, 1)
        grid.setColumnMinimumWidth(2, 18)  # gutter between the two columns
        return grid

    def _build(self) -> None:
        # one grid for every section, so the label columns line up from top to bottom
        grid = self._grid()
        titles = iter(self.section_labels)

        def section(row: int) -> None:
            grid.addWidget(next(titles), row, 0, 1, 5)

        section(0)
        self._field(grid, 1, 0, "name", self.name_edit)
        self._field(grid, 1, 1, "sex", self.sex_combo)
        self._field(grid, 3, 0, "id_type", self.id_type_combo)
        self._field(grid, 3, 1, "id_number", self.id_field)
        self._field(grid, 5, 0, "birth_date", self.birth_edit)
        self._field(grid, 5, 1, "ethnicity", self.ethnicity_combo)
        self._field(grid, 7, 0, "phone", self.phone_field)
        self._field(grid, 7, 1, "residence_type", self.residence_combo)
        section(9)
        self._field(grid, 10, 0, "household_id", self.picker, span=4)
        self._field(grid, 12, 0, "relation_to_head", self.relation_combo)
        section(14)
        self._field(grid, 15, 0, "tags", self.tags_box, span=4)
        self._field(grid, 17, 0, "notes", self.notes_edit, span=4)

        body = QVBoxLayout()
        body.setContentsMargins(28, 20, 28, 12)
        body.setSpacing(8)
        body.addWidget(self.heading)
        body.addWidget(self.hint)
        body.addLayout(grid)
        body.addStretch(1)
        content = named(QWidget(), "formContent")
        content.setLayout(body)
        scroll = named(QScrollArea(), "formScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        buttons = QHBoxLayout()
        buttons.setContentsMargins(28, 10, 28, 18)
        buttons.setSpacing(10)
        buttons.addWidget(self.status_label, 1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)
        footer = named(QFrame(), "formFooter")
        footer.setLayout(buttons)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        outer.addWidget(scroll, 1)
        banner_row = QVBoxLayout()
        banner_row.setContentsMargins(28, 6, 28, 0)
        banner_row.addWidget(self.error_banner)
        outer.addLayout(banner_row)
        outer.addWidget(footer)

    def set_tags(self, tags: tuple[tuple[str, str], ...]) -> None:
        grid = QGridLayout(self.tags_box)
        grid.setContentsMargins(0, 6, 0, 2)
        grid.setHorizontalSpacing(18)
        grid.setVerticalSpacing(8)
        for index, (code, name) in enumerate(tags):
            box = named(QCheckBox(name), "tagCheck")
            box.setProperty("code", code)
            self.tag_checks[code] = box
            grid.addWidget(box, index // TAG_COLUMNS, index % TAG_COLUMNS)
        for column in range(TAG_COLUMNS):
            grid.setColumnMinimumWidth(column, 96)
        grid.setColumnStretch(TAG_COLUMNS, 1)

    # texts ----------------------------------------------------------------------------------
    def retranslate(self) -> None:
        required = " *"
        names = {
            "name": self.tr("姓名") + required, "sex": self.tr("性别") + required, "id_type": self.tr("证件类型"),
            "id_number": self.tr("证件号码"), "birth_date": self.tr("出生日期"), "ethnicity": self.tr("民族"),
            "phone": self.tr("联系电话"), "residence_type": self.tr("人员类别"), "household_id": self.tr("住址"),
            "relation_to_head": self.tr("与户主关系"), "tags": self.tr("特殊群体"), "notes": self.tr("备注"),
        }
        for field, text in names.items():
            self.labels[field].setText(text)
        self.hint.setText(self.tr("带 * 的为必填项。填写身份证号码后，出生日期和性别会自动识别。"))
        for label, text in zip(self.section_labels, (self.tr("身份信息"), self.tr("住址"), self.tr("标签与备注")),
                               strict=True):
            label.setText(text)
        self.sex_combo.setItemText(0, self.tr("请选择"))
        self.sex_combo.setItemText(1, self.tr("男"))
        self.sex_combo.setItemText(2, self.tr("女"))
        id_types = (self.tr("居民身份证"), self.tr("护照"), self.tr("港澳居民来往内地通行证"),
                    self.tr("台湾居民来往大陆通行证"), self.tr("外国人永久居留身份证"), self.tr("无证件"))
        for index, text in enumerate(id_types):
            self.id_type_combo.setItemText(index, text)
        for index, text in enumerate((self.tr("户籍人口"), self.tr("流动人口"), self.tr("境外人员"))):
            self.residence_combo.setItemText(index, text)
        self.name_edit.setPlaceholderText(self.tr("与证件上的姓名一致"))
        self.id_number_edit.setPlaceholderText(self.tr("18位身份证号码，末位可为X"))
        self.phone_edit.setPlaceholderText(self.tr("手机号或带区号的固定电话"))
        self.birth_edit.set_placeholder(self.tr("未填写"))
        for combo in (self.ethnicity_combo, self.relation_combo):
            line = combo.lineEdit()
            if line is not None:
                line.setPlaceholderText(self.tr("选择或输入"))
        self.notes_edit.setPlaceholderText(self.tr("需要其他工作人员知道的情况"))
        self.id_field.set_texts(self.tr("显示"), "")
        self.phone_field.set_texts(self.tr("显示"), self.tr("重新填写"))
        self.id_field.reveal_button.setToolTip(self.tr("显示完整号码后才能修改（需填写理由，记入审计日志）"))
        self.phone_field.replace_button.setToolTip(self.tr("清空后填写新的电话号码，原号码不会显示"))
        self.save_button.setText(self.tr("保存"))
        self.cancel_button.setText(self.tr("取消"))

    # values ---------------------------------------------------------------------------------
    def id_type(self) -> str:
        return str(self.id_type_combo.currentData())

    def set_sex(self, code: str | None) -> None:
        self.sex_combo.setCurrentIndex(max(self.sex_combo.findData(code), 0) if code else 0)

    def fill(self, values: ResidentInput, id_masked: str, phone_masked: str) -> None:
        self.name_edit.setText(values.name)
        self.set_sex(values.sex)
        self.id_type_combo.setCurrentIndex(max(self.id_type_combo.findData(values.id_type), 0))
        self.id_field.set_stored(values.id_number, id_masked)
        self.birth_edit.set_value(values.birth_date)
        self.ethnicity_combo.setEditText(values.ethnicity or "")
        self.phone_field.set_stored(values.phone, phone_masked)
        self.residence_combo.setCurrentIndex(max(self.residence_combo.findData(values.residence_type), 0))
        self.relation_combo.setEditText(values.relation_to_head or "")
        for code, box in self.tag_checks.items():
            box.setChecked(code in values.tags)
        self.notes_edit.setPlainText(values.notes or "")

    def collect(self, community_code: str) -> ResidentInput:
        return ResidentInput(
            name=self.name_edit.text(), community_code=community_code, sex=self.sex_combo.currentData(),
            id_number=self.id_field.value() if self.id_type() != "none" else None, id_type=self.id_type(),
            birth_date=self.birth_edit.value(), phone=self.phone_field.value(),
            ethnicity=self.ethnicity_combo.currentText() or None,
            residence_type=str(self.residence_combo.currentData()), household_id=self.picker.household_id(),
            relation_to_head=self.relation_combo.currentText() or None, grid_cell_id=None,
            notes=self.notes_edit.toPlainText() or None,
            tags=tuple(code for code, box in self.tag_checks.items() if box.isChecked()),
        )

    def local_problems(self) -> list[Problem]:
        """What the form itself can tell before asking core: a building chosen but no room."""
        if self.picker.building_id() and not self.picker.household_id():
            return [error(ROOM_MISSING, self.tr("已选择楼栋，请再选择单元和房号；不登记住址请在楼栋中选“未登记住址”。"),
                          "household_id")]
        return []

    def focus_field(self, field: str) -> None:
        widget = {"household_id": self.picker.building_combo}.get(field, self.inputs[field])
        widget.setFocus()
        if isinstance(widget, QLineEdit):
            widget.selectAll()
