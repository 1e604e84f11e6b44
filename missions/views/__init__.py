"""The missions app's pages, thin: one module per side of the work (see ``urls.py``)."""
