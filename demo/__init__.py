"""The demo data of `manage.py load_demo`: every feature can be seen after `make run`.

The content lives in data files (``demo/data/*.toml``); one loader per subject reads its
file and creates the objects through the apps' services (``loader.py`` runs them in
order). The top floor: it may import every app, and no app imports it.
"""
