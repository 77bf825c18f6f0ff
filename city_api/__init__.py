"""The city hub's API server: device enrolment, the sync feed and push, Open311 GeoReport v2."""
