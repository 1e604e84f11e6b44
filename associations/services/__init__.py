"""Every write on associations: ``associations`` (the file, registration, status moves) and
``staff`` (roles, removals, invitations). Keyword-only ``<noun>_<verb>`` functions, atomic,
raising ``associations.errors.AssociationError`` on a move the rules do not allow.
"""
