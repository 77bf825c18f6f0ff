"""The resident touchscreen kiosk (自助服务终端). Built in a later issue; nothing ships here yet."""
