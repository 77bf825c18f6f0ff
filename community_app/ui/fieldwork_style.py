"""Style of the visit and patrol pages and dialogs (not yet in app.qss; the same palette:
navy titles, #1F5FBF for action, amber for due, red for overdue)."""

from __future__ import annotations

from resources import resource_path

_CHEVRON = resource_path("icons", "chevron-down.svg").as_posix()

PAGE_QSS = """
QWidget#visitsPage, QWidget#patrolsPage { background: #F2F5F9; }
QLabel#panelNote { color: #5B6B7F; font-size: 10.5pt; }
QLabel#panelEmpty { color: #7A899B; font-size: 10.5pt; padding: 24px; }
QLabel#pageNotice { color: #1E6B3A; font-size: 10.5pt; background: #E8F5EC; border: 1px solid #B7DEC3;
                    border-radius: 4px; padding: 8px 12px; }
QTableView { background: #FFFFFF; gridline-color: #EEF2F7; font-size: 10.5pt;
             selection-background-color: #D6E4F7; selection-color: #13315C; }
QSplitter::handle { background: transparent; }
QPushButton[segment="true"] { font-size: 10.5pt; padding: 6px 16px; border-radius: 0; color: #33475B;
                              background: #FFFFFF; border: 1px solid #B9C6D6; margin-left: -1px; }
QPushButton[segment="true"]:checked { background: #1F5FBF; border-color: #1F5FBF; color: #FFFFFF; }
QPushButton[segment="true"]:hover:!checked { background: #EAF1FB; }
QPushButton[segment="true"][edge="first"] { border-top-left-radius: 4px; border-bottom-left-radius: 4px; }
QPushButton[segment="true"][edge="last"] { border-top-right-radius: 4px; border-bottom-right-radius: 4px; }
QPushButton#primaryButton { color: #FFFFFF; background: #1F5FBF; border: 1px solid #1F5FBF; padding: 6px 18px; }
QPushButton#primaryButton:hover { background: #174E9F; }
QPushButton#primaryButton:disabled { background: #7FA3D9; border-color: #7FA3D9; color: #FFFFFF; }
QLineEdit#listSearch { padding: 5px 8px; font-size: 10.5pt; }
QLabel#filterLabel { color: #4A5B70; font-size: 10.5pt; }
QLabel#historyName { font-size: 15pt; font-weight: bold; color: #13315C; }
QLabel#historySummary { font-size: 10.5pt; color: #4A5B70; }
QLabel#tagChip { font-size: 10pt; color: #8A3B12; background: #FFF1E6; border: 1px solid #F3C9A8;
                 border-radius: 10px; padding: 2px 10px; }
QFrame#historyRow { background: #FFFFFF; border: none; border-bottom: 1px solid #EEF2F7; }
QLabel#historyTime { font-size: 10pt; color: #6B7B8F; }
QLabel#historyText { font-size: 10.5pt; color: #1F2D3D; }
QLabel#historyLink { font-size: 10pt; color: #1F5FBF; }
QLabel#outcomeBadge { font-size: 9.5pt; border-radius: 9px; padding: 1px 8px; color: #FFFFFF; background: #2E7D4F; }
QLabel#outcomeBadge[outcome="concern"] { background: #C62828; }
QLabel#outcomeBadge[outcome="not_home"] { background: #B86E00; }
QScrollArea#historyScroll, QWidget#historyList { background: #FFFFFF; border: none; }
QLabel#coverageTotal { font-size: 11pt; color: #13315C; font-weight: bold; }
"""

DIALOG_QSS = """
QDialog { background: #FFFFFF; }
QLabel#dialogSubject { font-size: 11pt; color: #13315C; background: #F5F8FC; border: 1px solid #DCE3EC;
                       border-radius: 4px; padding: 8px 12px; }
QLabel#formLabel { color: #4A5B70; font-size: 10.5pt; }
QLabel#followupHint { font-size: 10pt; color: #5B6B7F; background: #FFF8EC; border: 1px solid #F0CF95;
                      border-radius: 4px; padding: 6px 10px; }
QPushButton#saveButton, QPushButton#primaryButton { color: #FFFFFF; background: #1F5FBF; border: none;
                                                    padding: 7px 22px; }
QPushButton#saveButton:hover, QPushButton#primaryButton:hover { background: #174E9F; }
QPushButton#saveButton:disabled, QPushButton#primaryButton:disabled { background: #7FA3D9; color: #FFFFFF; }
QPushButton#dangerButton { color: #C62828; border-color: #E3A5A5; }
QPushButton#dangerButton:hover { background: #FDECEC; border-color: #C62828; }
QPushButton[choice="true"] { font-size: 10.5pt; padding: 6px 14px; border-radius: 15px; color: #33475B;
                             border: 1px solid #B9C6D6; background: #FFFFFF; }
QPushButton[choice="true"]:checked { background: #1F5FBF; border-color: #1F5FBF; color: #FFFFFF; }
QPushButton[choice="problem"] { font-size: 12pt; padding: 10px 24px; border-radius: 6px; color: #33475B;
                                border: 1px solid #B9C6D6; background: #FFFFFF; }
QPushButton[choice="problem"]:checked { background: #C62828; border-color: #C62828; color: #FFFFFF; }
QPushButton[choice="ok"] { font-size: 12pt; padding: 10px 24px; border-radius: 6px; color: #33475B;
                           border: 1px solid #B9C6D6; background: #FFFFFF; }
QPushButton[choice="ok"]:checked { background: #2E7D4F; border-color: #2E7D4F; color: #FFFFFF; }
QPlainTextEdit, QDateTimeEdit { border: 1px solid #B9C6D6; border-radius: 4px; background: #FFFFFF;
                                 font-size: 10.5pt; padding: 3px 6px; }
QTableWidget#rulesTable QLineEdit { border: none; padding: 2px 6px; font-size: 10.5pt; background: transparent; }
QTableWidget#rulesTable QSpinBox { font-size: 10.5pt; }
QDateTimeEdit::drop-down { border: none; width: 26px; }
QDateTimeEdit::down-arrow { image: url(CHEVRON); width: 14px; height: 14px; }
QPlainTextEdit[invalid="true"], QDateTimeEdit[invalid="true"], QComboBox[invalid="true"] {
    border: 1px solid #C62828; background: #FFF7F7; }
QListWidget#checklist { border: 1px solid #DCE3EC; border-radius: 4px; background: #FFFFFF; font-size: 10.5pt; }
QListWidget#checklist::item { padding: 7px 6px; border-bottom: 1px solid #EEF2F7; }
QListWidget#checklist::item:selected { background: #D6E4F7; color: #13315C; }
QLabel#itemCounter { font-size: 10pt; color: #5B6B7F; }
QLabel#itemTitle { font-size: 16pt; font-weight: bold; color: #13315C; }
QLabel#roundProgress { font-size: 10.5pt; color: #4A5B70; }
QLabel#photoList { font-size: 10pt; color: #4A5B70; }
QLabel#requestDone { font-size: 10pt; color: #1E6B3A; background: #E8F5EC; border: 1px solid #B7DEC3;
                     border-radius: 4px; padding: 4px 10px; }
QTableWidget#rulesTable { background: #FFFFFF; border: 1px solid #DCE3EC; font-size: 10.5pt;
                          gridline-color: #EEF2F7; }
""".replace("CHEVRON", _CHEVRON)
