"""The performance benchmark behind ``make bench`` (see docs/performance.md)."""
