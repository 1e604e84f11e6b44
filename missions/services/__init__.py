"""Every write on missions, applications and contracts: one module per aggregate.

``missions`` (publishing and saving), ``search`` (the columns the search reads),
``applications`` and ``contracts``. Each is a set of keyword-only ``<noun>_<verb>``
functions, atomic, that raise a domain error (``missions.errors``) on an invalid move.
"""
