"""What can go wrong when syncing, as a small set of stable codes with plain-Chinese messages.

The UI shows `message` as it is (or translates by `code`); neither ever contains a token or
personal data, so both may be logged.
"""

from __future__ import annotations

from dataclasses import dataclass

NETWORK_UNREACHABLE = "network_unreachable"
TIMED_OUT = "timed_out"
SERVER_BUSY = "server_busy"
SERVER_ERROR = "server_error"
TOKEN_REFUSED = "token_refused"
INVALID_ENROLMENT_CODE = "invalid_enrolment_code"
TLS_FAILED = "tls_failed"
BAD_RESPONSE = "bad_response"
NOT_ENROLLED = "not_enrolled"
BLOB_MISSING = "blob_missing"
CANCELLED = "cancelled"
LOCAL_BUSY = "local_busy"

_SAFE = "本机数据已保存，不会丢失。"


@dataclass(frozen=True)
class SyncProblem:
    code: str  # one of the constants above
    message: str  # Simplified Chinese: what happened and what to do
    retry_after: float | None = None  # seconds the server asked us to wait (server_busy)


class SyncError(Exception):
    """A sync step failed; .problem says why in words a user understands."""

    def __init__(self, problem: SyncProblem) -> None:
        super().__init__(f"{problem.code}: {problem.message}")
        self.problem = problem


def network_unreachable() -> SyncProblem:
    return SyncProblem(NETWORK_UNREACHABLE, "连不上城市平台：请检查网络连接或服务器地址，网络恢复后会自动再同步。"
                       + _SAFE)


def timed_out() -> SyncProblem:
    return SyncProblem(TIMED_OUT, "城市平台长时间没有响应：网络可能较慢，稍后会自动重试。" + _SAFE)


def server_busy(retry_after: float | None) -> SyncProblem:
    wait = f"请约 {max(1, round(retry_after))} 秒后再试" if retry_after else "请稍后再试"
    return SyncProblem(SERVER_BUSY, f"城市平台正忙：{wait}，到时也会自动重试。" + _SAFE, retry_after)


def server_error() -> SyncProblem:
    return SyncProblem(SERVER_ERROR, "城市平台出错了：稍后会自动重试；如果一直这样，请联系平台管理员。" + _SAFE)


def token_refused() -> SyncProblem:
    return SyncProblem(TOKEN_REFUSED,
                       "城市平台不再接受本机的登记（可能已被停用）：请向管理员要一个新的登记码，重新登记本机。")


def invalid_enrolment_code() -> SyncProblem:
    return SyncProblem(INVALID_ENROLMENT_CODE, "登记码无效、已用过或已过期：请向管理员要一个新的登记码。")


def tls_failed() -> SyncProblem:
    return SyncProblem(TLS_FAILED, "无法验证城市平台的安全证书：请检查服务器地址，或在设置中指定单位提供的证书文件。")


def bad_response() -> SyncProblem:
    return SyncProblem(BAD_RESPONSE, "城市平台的回复无法识别：可能版本不匹配，请联系平台管理员。" + _SAFE)


def not_enrolled() -> SyncProblem:
    return SyncProblem(NOT_ENROLLED, "本机还没有登记到城市平台：请在“同步”页输入管理员给的登记码。")


def blob_missing(filename: str) -> SyncProblem:
    return SyncProblem(BLOB_MISSING, f"照片“{filename}”在本机找不到了，无法上传：请重新添加这张照片。")


def cancelled() -> SyncProblem:
    return SyncProblem(CANCELLED, "同步已取消：已下载的部分已保存，下次会从中断处继续。")


def local_busy() -> SyncProblem:
    return SyncProblem(LOCAL_BUSY, "本机数据库正忙（可能正在导入或备份）：同步稍后会自动再试。" + _SAFE)
