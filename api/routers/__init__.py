"""api/routers"""
