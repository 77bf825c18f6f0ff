"""Style of the reports page and the report preview (the app's palette: navy titles,
#1F5FBF for action; the preview sits on a mid grey so the white A4 sheets stand out)."""

from __future__ import annotations

from resources import resource_path

_CHEVRON = resource_path("icons", "chevron-down.svg").as_posix()

REPORTS_QSS = """
QWidget#reportsPage, QDialog#reportPreviewDialog { background: #F2F5F9; }
QScrollArea#reportSettingsScroll, QWidget#reportSettings { background: #FFFFFF; border: none; }
QFrame#reportSettingsCard { background: #FFFFFF; border: 1px solid #DCE3EC; border-radius: 6px; }
QPushButton#reportChoice { text-align: left; padding: 9px 14px; border: 1px solid #DCE3EC; border-radius: 6px;
                           background: #FFFFFF; color: #1F2D3D; font-size: 11pt; }
QPushButton#reportChoice:hover { border-color: #1F5FBF; background: #F5F9FF; }
QPushButton#reportChoice:checked { border: 2px solid #1F5FBF; background: #EAF1FB; color: #13315C; }
QPushButton#reportChoice:disabled { color: #9AA7B6; background: #F5F7FA; }
QLabel#choiceTitle { color: #1F2D3D; font-size: 11.5pt; font-weight: bold; background: transparent; }
QPushButton#reportChoice:checked QLabel#choiceTitle { color: #13315C; }
QLabel#choiceHint { color: #5B6B7F; font-size: 9.5pt; background: transparent; }
QLabel#formLabel { color: #4A5B70; font-size: 10.5pt; }
QLabel#fieldHint { color: #7A899B; font-size: 9.5pt; }
QLabel#privacyNote { color: #5B6B7F; font-size: 9.5pt; background: #F5F8FC; border: 1px solid #DCE3EC;
                     border-radius: 4px; padding: 7px 10px; }
QLabel#privacyNote[tone="warning"] { color: #8A5300; background: #FFF8EC; border-color: #F0CF95; }
QPushButton[segment="true"] { font-size: 10.5pt; padding: 5px 0; border-radius: 0; color: #33475B;
                              background: #FFFFFF; border: 1px solid #B9C6D6; margin-left: -1px; }
QPushButton[segment="true"]:checked { background: #1F5FBF; border-color: #1F5FBF; color: #FFFFFF; }
QPushButton[segment="true"]:hover:!checked { background: #EAF1FB; }
QPushButton[segment="true"]:disabled { color: #9AA7B6; background: #F5F7FA; }
QPushButton[segment="true"][edge="first"] { border-top-left-radius: 4px; border-bottom-left-radius: 4px; }
QPushButton[segment="true"][edge="last"] { border-top-right-radius: 4px; border-bottom-right-radius: 4px; }
QPushButton#buildButton { color: #FFFFFF; background: #1F5FBF; border: 1px solid #1F5FBF; padding: 9px 18px;
                          font-size: 12pt; font-weight: bold; }
QPushButton#buildButton:hover { background: #174E9F; }
QPushButton#buildButton:disabled { background: #7FA3D9; border-color: #7FA3D9; color: #FFFFFF; }
QPushButton[tool="true"] { padding: 0; font-size: 14pt; color: #33475B; }
QComboBox, QLineEdit { font-size: 10.5pt; padding: 4px 8px; border: 1px solid #B9C6D6;
                                 border-radius: 4px; background: #FFFFFF; min-height: 20px; }
QComboBox:focus, QLineEdit:focus { border-color: #1F5FBF; }
QComboBox::drop-down { border: none; width: 24px; }
QComboBox::down-arrow { image: url(CHEVRON); width: 14px; height: 14px; }
QFrame#previewHeader { background: #FFFFFF; border: none; border-bottom: 1px solid #DCE3EC;
                       border-top-left-radius: 6px; border-top-right-radius: 6px; }
QFrame#previewToolbar { background: #F5F7FA; border: none; border-bottom: 1px solid #DCE3EC; }
QLineEdit#previewPage { padding: 2px 4px; }
QLabel#previewTitle { font-size: 12.5pt; font-weight: bold; color: #13315C; }
QLabel#previewInfo { font-size: 9.5pt; color: #5B6B7F; }
QLabel#previewPageText { font-size: 10.5pt; color: #33475B; }
QPushButton#printButton { color: #FFFFFF; background: #1F5FBF; border: 1px solid #1F5FBF; padding: 6px 20px; }
QPushButton#printButton:hover { background: #174E9F; }
QPushButton#printButton:disabled { background: #B8C9E4; border-color: #B8C9E4; color: #FFFFFF; }
QPushButton#saveAsButton { color: #1F5FBF; border-color: #1F5FBF; }
QPushButton#saveAsButton:disabled { color: #9AA7B6; border-color: #D5DCE5; background: #F5F7FA; }
QPdfView#pdfView { background: #8E99A6; border: none; }
QWidget#previewEmpty { background: #F7F9FC; border-bottom-left-radius: 6px; border-bottom-right-radius: 6px; }
QLabel#previewEmptyTitle { font-size: 14pt; color: #33475B; font-weight: bold; }
QLabel#previewEmptyText { font-size: 10.5pt; color: #7A899B; }
QLabel#noticeBanner { background: #E8F5EC; border: 1px solid #B7DEC3; border-radius: 4px; color: #1E6B3A;
                      padding: 8px 14px; font-size: 10.5pt; }
QLabel#errorBanner { background: #FDECEC; border: 1px solid #F3B8B8; border-radius: 4px; color: #A12626;
                     padding: 8px 14px; font-size: 10.5pt; }
""".replace("CHEVRON", _CHEVRON)
