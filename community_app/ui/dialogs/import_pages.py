"""The four steps of the import wizard as widgets: the file, the column mapping, the
preview with the choice of mode, and the result. Each is filled from core's frozen
results and knows nothing of threads or the database."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from community_app.core.importing import ALL_OR_NOTHING, FIELDS, VALID_ONLY, Analysis, ImportReport, Layout, Preview
from community_app.ui.dialogs.import_texts import (
    field_name,
    file_text,
    fixes_text,
    header_text,
    preview_text,
    translate,
)
from community_app.ui.i18n import core_message
from community_app.ui.widgets.elided_label import ElidedLabel
from community_app.ui.widgets.named import named

ERROR_BACKGROUND = QColor("#FDECEC")
ERROR_TEXT = QColor("#A12626")
WARNING_BACKGROUND = QColor("#FFF6E5")
SHOWN_PROBLEMS = 1000  # the result table lists this many; the saved report has them all
PREVIEW_LINES = 5  # problems listed under the preview; the cells' tooltips have them all


def _label(name: str, wrap: bool = True) -> QLabel:
    label = named(QLabel(), name)
    label.setWordWrap(wrap)
    return label


def _table(name: str, columns: int) -> QTableWidget:
    table = named(QTableWidget(0, columns), name)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.verticalHeader().hide()
    header = table.horizontalHeader()
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    header.setStretchLastSection(True)
    return table


def _item(text: str) -> QTableWidgetItem:
    item = QTableWidgetItem(text.replace("\n", "⏎"))  # a line break would hide the rest of the cell
    item.setToolTip(text)
    return item


def _column_title(header: str, field: str) -> str:
    """「身份证号码 → 身份证号」; just the header when it is the field's own name."""
    return header if header == field else f"{header}\n→ {field}"


def _problem_line(row: int, column: str, message: str) -> str:
    where = translate("ImportWizard", "第 %1 行").replace("%1", str(row)) + (f"「{column}」" if column else "")
    return translate("ImportWizard", "%1：%2").replace("%1", where).replace("%2", message)


class FilePage(QWidget):
    """Step 1: choose the file (and the sheet)."""

    choose = Signal()
    sheet_chosen = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self.intro = _label("dialogBody")
        self.choose_button = named(QPushButton(), "chooseFileButton")
        self.choose_button.clicked.connect(self.choose)
        self.file_label = named(ElidedLabel(), "importFile")
        self.sheet_label = QLabel()
        self.sheet_combo = named(QComboBox(), "sheetCombo")
        self.sheet_combo.activated.connect(lambda _i: self.sheet_chosen.emit(self.sheet_combo.currentText()))
        self.status = _label("importStatus")
        self.error = _label("errorBanner")
        self.error.hide()
        self.hint = _label("dialogHint")
        row = QHBoxLayout()
        row.addWidget(self.choose_button)
        row.addWidget(self.file_label, 1)
        sheet_row = QHBoxLayout()
        sheet_row.addWidget(self.sheet_label)
        sheet_row.addWidget(self.sheet_combo, 1)
        self.sheet_row = QWidget()
        self.sheet_row.setLayout(sheet_row)
        sheet_row.setContentsMargins(0, 0, 0, 0)
        self.sheet_row.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.intro)
        layout.addSpacing(6)
        layout.addLayout(row)
        layout.addWidget(self.sheet_row)
        layout.addWidget(self.status)
        layout.addWidget(self.error)
        layout.addStretch(1)
        layout.addWidget(self.hint)

    def retranslate(self) -> None:
        self.intro.setText(self.tr("从 Excel（.xlsx）或 CSV 文件导入居民。表头在第几行、有没有标题行都可以，"
                              "常见的表头（姓名、性别、身份证号、联系电话、楼栋、单元、房号……）会自动认出。"))
        self.choose_button.setText(self.tr("选择文件…"))
        if not self.file_label.fullText():
            self.status.setText(self.tr("还没有选择文件。"))
        self.sheet_label.setText(self.tr("工作表："))
        self.hint.setText(self.tr("提示：身份证号一列请设为“文本”格式。Excel 会把当作数字的身份证号改成科学计数法"
                             "（如 3.70202E+17），后几位就此丢失；导入时会把这样的行找出来，不会存入错误的号码。"))

    def show_analysis(self, analysis: Analysis) -> None:
        self.file_label.setFullText(str(analysis.path))
        self.error.hide()
        self.status.setText(file_text(analysis))
        self.sheet_combo.clear()
        self.sheet_combo.addItems(list(analysis.sheet_names))
        self.sheet_combo.setCurrentText(analysis.sheet)
        self.sheet_row.setVisible(len(analysis.sheet_names) > 1)

    def show_busy(self, path: str) -> None:
        self.file_label.setFullText(path)
        self.error.hide()
        self.status.setText(self.tr("正在读取文件…"))

    def show_error(self, message: str) -> None:
        self.status.setText("")
        self.error.setText(message)
        self.error.show()


class MappingPage(QWidget):
    """Step 2: what each column of the file is imported as."""

    changed = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.hint = _label("dialogBody")
        self.table = _table("mappingTable", 4)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.problems = _label("importWarning")
        self.problems.hide()
        self._layout: Layout | None = None
        self.combos: list[QComboBox] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.hint)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.problems)

    def retranslate(self) -> None:
        self.table.setHorizontalHeaderLabels(
            [self.tr("列"), self.tr("文件中的表头"), self.tr("前几行的内容"), self.tr("导入为")])
        for combo in self.combos:
            for i in range(combo.count()):
                combo.setItemText(i, field_name(combo.itemData(i)))

    def show_analysis(self, analysis: Analysis) -> None:
        self._layout = analysis.layout
        self.hint.setText(header_text(analysis))
        t = self.table
        t.setRowCount(len(analysis.layout.columns))
        self.combos = []
        for row, (column, samples) in enumerate(zip(analysis.layout.columns, analysis.samples, strict=True)):
            t.setItem(row, 0, _item(column.letter))
            t.setItem(row, 1, _item(column.header or "—"))
            t.setItem(row, 2, _item("，".join(s for s in samples if s)))
            combo = named(QComboBox(), "fieldCombo")
            for field in (None, *FIELDS):
                combo.addItem(field_name(field), field)
            combo.setCurrentIndex(combo.findData(column.field))
            combo.currentIndexChanged.connect(self._changed)
            self.combos.append(combo)
            t.setCellWidget(row, 3, combo)
        t.resizeColumnToContents(0)
        t.setColumnWidth(1, 170)
        t.setColumnWidth(2, 260)
        self._changed()

    def layout_chosen(self) -> Layout:
        assert self._layout is not None
        return self._layout.with_fields([c.currentData() for c in self.combos])

    def _changed(self) -> None:
        problems = self.layout_chosen().problems()
        self.problems.setText("\n".join(core_message(p) for p in problems))
        self.problems.setVisible(bool(problems))
        self.changed.emit()


class PreviewPage(QWidget):
    """Step 3: the first rows as they will be checked, and all-or-nothing or valid rows only."""

    def __init__(self) -> None:
        super().__init__()
        self.summary = _label("dialogBody")
        self.table = _table("previewTable", 1)
        self.problems = _label("previewProblems")
        self.problems.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.mode_label = _label("sectionTitle", wrap=False)
        self.valid_only = named(QRadioButton(), "validOnlyOption")
        self.all_or_nothing = named(QRadioButton(), "allOrNothingOption")
        self.valid_only.setChecked(True)
        self.modes = QButtonGroup(self)
        self.modes.addButton(self.valid_only)
        self.modes.addButton(self.all_or_nothing)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.problems)
        layout.addSpacing(4)
        layout.addWidget(self.mode_label)
        layout.addWidget(self.valid_only)
        layout.addWidget(self.all_or_nothing)

    def retranslate(self) -> None:
        self.mode_label.setText(self.tr("导入方式"))
        self.valid_only.setText(self.tr("只导入有效的行：有错误的行跳过，导入后可保存报告，改正后再导入这些行"))
        self.all_or_nothing.setText(self.tr("全部有效才导入：只要有一行有错误，就一行也不导入"))

    @property
    def mode(self) -> str:
        return ALL_OR_NOTHING if self.all_or_nothing.isChecked() else VALID_ONLY

    def show_preview(self, layout: Layout, preview: Preview) -> None:
        self.summary.setText(preview_text(preview))
        columns = [c for c in layout.columns if c.field is not None]
        t = self.table
        t.clear()
        t.setColumnCount(len(columns) + 1)
        t.setHorizontalHeaderLabels([self.tr("行号"), *(_column_title(c.header or c.letter, field_name(c.field))
                                                    for c in columns)])
        t.setRowCount(len(preview.rows))
        for r, row in enumerate(preview.rows):
            number = _item(str(row.row))
            number.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            t.setItem(r, 0, number)
            bad = row.error_columns(layout)
            for c, column in enumerate(columns, 1):
                item = _item(row.values[column.index])
                reasons = [core_message(p.message) for p in row.problems if p.field == column.field]
                if column.index in bad:
                    item.setBackground(QBrush(ERROR_BACKGROUND))
                    item.setForeground(QBrush(ERROR_TEXT))
                elif reasons:
                    item.setBackground(QBrush(WARNING_BACKGROUND))
                if reasons:
                    item.setToolTip("\n".join(reasons))
                t.setItem(r, c, item)
            general = [core_message(p.message) for p in row.problems if p.field not in layout.mapping()]
            if general:
                number.setToolTip("\n".join(general))
                number.setBackground(QBrush(ERROR_BACKGROUND if not row.ok else WARNING_BACKGROUND))
        t.resizeColumnsToContents()
        for c in range(1, t.columnCount()):
            t.setColumnWidth(c, min(t.columnWidth(c), 220))
        lines = [_problem_line(row.row, p.column, core_message(p.message)) for row in preview.rows
                 for p in row.problems]
        shown = lines[:PREVIEW_LINES]
        if len(lines) > len(shown):
            shown.append(self.tr("……共 %1 条").replace("%1", str(len(lines))))
        self.problems.setText("\n".join(shown))
        self.problems.setVisible(bool(lines))


class ResultPage(QWidget):
    """Step 4: what happened, the problems, and saving the report."""

    save = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.done = _label("importDone")
        self.warning = _label("importWarning")
        self.fixes = _label("dialogHint")
        self.table = _table("problemTable", 4)
        self.more = _label("dialogHint")
        self.save_button = named(QPushButton(), "saveReportButton")
        self.save_button.clicked.connect(self.save)
        self.saved = _label("dialogHint")
        row = QHBoxLayout()
        row.addWidget(self.save_button)
        row.addWidget(self.saved, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.done)
        layout.addWidget(self.warning)
        layout.addWidget(self.fixes)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.more)
        layout.addLayout(row)

    def retranslate(self) -> None:
        self.table.setHorizontalHeaderLabels([self.tr("行号"), self.tr("列"), self.tr("内容"), self.tr("原因")])
        self.save_button.setText(self.tr("保存报告（Excel）…"))

    def show_report(self, report: ImportReport, summary: str) -> None:
        good = report.committed and not report.rows_invalid and not report.cancelled
        self.done.setText(summary)
        self.warning.setText(summary)
        self.done.setVisible(good)
        self.warning.setVisible(not good)
        self.fixes.setText(fixes_text(report))
        self.fixes.setVisible(bool(report.fixes_total))
        problems = report.problems[:SHOWN_PROBLEMS]
        t = self.table
        t.setRowCount(len(problems))
        for r, p in enumerate(problems):
            t.setItem(r, 0, _item(str(p.row)))
            t.setItem(r, 1, _item(p.column))
            t.setItem(r, 2, _item(p.value))
            reason = _item(core_message(p.message))
            if p.severity == "error":
                reason.setForeground(QBrush(ERROR_TEXT))
            t.setItem(r, 3, reason)
        t.resizeColumnToContents(0)
        t.setColumnWidth(1, 130)
        t.setColumnWidth(2, 170)
        t.resizeRowsToContents()  # long reasons wrap instead of being cut
        t.setVisible(bool(report.problems))
        hidden = len(report.problems) - len(problems)
        self.more.setText(self.tr("只列出了前 %1 条，全部内容请保存报告查看。").replace("%1", str(SHOWN_PROBLEMS)))
        self.more.setVisible(hidden > 0)
        self.save_button.setVisible(bool(report.problems) and not report.cancelled)
        self.saved.setText("")
