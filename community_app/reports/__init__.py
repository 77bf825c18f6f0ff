"""PDF reports for supervisors (reportlab). No Qt."""
