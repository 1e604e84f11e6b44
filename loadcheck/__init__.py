"""Load check on loopback: `python -m loadcheck` (make loadcheck). See docs/security.md."""
