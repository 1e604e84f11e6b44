"""Every read on missions, applications and contracts, scoped to who asks.

``search`` (the public search and "missions I can apply to"), ``missions`` (a mission
page, saved missions, staff lists), ``applications``, ``contracts`` (and what a contract
gives at its end), ``candidates`` (the bridge from a person to the rules) and ``my_vsi``.
"""
