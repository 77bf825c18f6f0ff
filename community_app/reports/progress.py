"""Progress and cancel for report builds that run on a worker thread.

A builder reports fractions 0…1 with a Chinese message and checks for cancel at each step;
`sub()` maps a stage (fetching figures, laying out pages) onto part of the bar. The UI
passes plain callables, so this module knows nothing of Qt.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

ProgressFn = Callable[[float, str], None]  # (fraction 0…1, message such as "正在排版…")
CancelFn = Callable[[], bool]  # True once the user pressed Cancel


class ReportCancelled(Exception):  # noqa: N818 - the name callers catch
    """The build stopped because the user cancelled; nothing was written."""

    code = "report_cancelled"
    message = "报表生成已取消，未保存任何文件。"


@dataclass(frozen=True)
class BuildControl:
    progress: ProgressFn | None = None
    cancelled: CancelFn | None = None
    start: float = 0.0  # this stage's share of the whole bar
    end: float = 1.0

    def step(self, fraction: float, message: str = "") -> None:
        """Report `fraction` of this stage; raises ReportCancelled when cancel was asked."""
        if self.cancelled is not None and self.cancelled():
            raise ReportCancelled(ReportCancelled.message)
        if self.progress is not None:
            done = min(1.0, max(0.0, fraction))
            self.progress(self.start + (self.end - self.start) * done, message)

    def sub(self, start: float, end: float) -> BuildControl:
        """The control of a stage running from `start` to `end` of this one."""
        span = self.end - self.start
        return BuildControl(self.progress, self.cancelled, self.start + span * start, self.start + span * end)


NO_CONTROL = BuildControl()
