"""Open311 GeoReport v2 for the city API: `router` is mounted by city_api's create_app."""

from city_api.open311.router import router

__all__ = ["router"]
