"""Style of the supervisor's indicators (tiles, period picker, charts, tables, list dialog):
the app's palette (navy titles, #1F5FBF for action). Kept beside the widgets until it moves
into resources/styles/app.qss."""

from __future__ import annotations

KPI_QSS = """
QFrame[kpiTile="true"] {
    background: #FFFFFF; border: 1px solid #DCE3EC; border-top: 3px solid #1F5FBF; border-radius: 6px;
}
QFrame[kpiTile="true"][group="quality"] { border-top-color: #2E9D6B; }
QFrame[kpiTile="true"][group="field"] { border-top-color: #D98A00; }
QFrame[kpiTile="true"]:hover { border-color: #1F5FBF; background: #F7FAFE; }
QFrame[kpiTile="true"]:focus { border-color: #1F5FBF; }
QFrame[kpiTile="true"] QLabel { background: transparent; border: none; }
QLabel#kpiTitle { font-size: 11pt; color: #4A5B70; }
QLabel#kpiValue { font-size: 18pt; font-weight: bold; color: #13315C; }
QLabel#kpiUnit { font-size: 10.5pt; color: #5B6B7F; }
QLabel#kpiCaption { font-size: 9.5pt; color: #7A899B; }
QFrame#chartCard, QFrame#tableCard {
    background: #FFFFFF; border: 1px solid #DCE3EC; border-radius: 6px;
}
QFrame#chartCard QLabel, QFrame#tableCard QLabel { background: transparent; border: none; }
QLabel#chartTitle { font-size: 11.5pt; font-weight: bold; color: #13315C; }
QLabel#chartNote { font-size: 9.5pt; color: #7A899B; }
QLabel#periodText { font-size: 10.5pt; color: #5B6B7F; }
QLabel#kpiStatus { font-size: 10.5pt; color: #1F5FBF; }
QPushButton#periodButton {
    font-size: 10.5pt; padding: 5px 14px; border-radius: 0; color: #33475B; background: #FFFFFF;
    border: 1px solid #B9C6D6; margin-left: -1px;
}
QPushButton#periodButton:checked { background: #1F5FBF; border-color: #1F5FBF; color: #FFFFFF; }
QPushButton#periodButton:hover:!checked { background: #EAF1FB; }
QPushButton#periodButton[position="first"] { border-top-left-radius: 4px; border-bottom-left-radius: 4px; }
QPushButton#periodButton[position="last"] { border-top-right-radius: 4px; border-bottom-right-radius: 4px; }
QPushButton#periodApply { font-size: 10.5pt; padding: 5px 14px; color: #1F5FBF; border-color: #1F5FBF; }
QDateEdit#periodFrom, QDateEdit#periodTo { font-size: 10.5pt; padding: 3px 6px; min-width: 112px; }
QLabel#periodDash { color: #5B6B7F; padding: 0 4px; }
QTabWidget#kpiTabs::pane { border: none; }
QTabBar::tab {
    font-size: 10.5pt; padding: 6px 18px; color: #4A5B70; background: transparent;
    border: none; border-bottom: 2px solid transparent;
}
QTabBar::tab:selected { color: #1F5FBF; border-bottom: 2px solid #1F5FBF; font-weight: bold; }
QTableView#kpiGridTable, QTableView#kpiWorkerTable, QTableView#kpiListTable {
    background: #FFFFFF; alternate-background-color: #F7F9FC; border: none; gridline-color: #EEF2F7;
    font-size: 10.5pt; selection-background-color: #D6E4F7; selection-color: #13315C;
}
QDialog#kpiListDialog { background: #FFFFFF; }
QPushButton#listViewButton {
    font-size: 10.5pt; padding: 4px 14px; border-radius: 13px; color: #1F5FBF; border-color: #9DB4D6;
}
QPushButton#listViewButton:checked { background: #1F5FBF; border-color: #1F5FBF; color: #FFFFFF; }
QLabel#pieCentre { font-size: 11pt; color: #13315C; font-weight: bold; background: transparent; }
QLabel#pieLegendRow { font-size: 10pt; color: #33475B; }
QFrame[card="true"][compact="true"] QLabel#cardValue { font-size: 22pt; }
QFrame[card="true"][compact="true"] QLabel#cardHint { font-size: 9.5pt; }
QLabel#panelEmpty { color: #7A899B; font-size: 10.5pt; padding: 24px; }
"""
