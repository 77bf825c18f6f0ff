"""Desktop application for community grid workers and supervisors (社区网格化管理)."""

__version__ = "0.1.0"
