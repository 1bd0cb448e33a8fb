"""Helpers of scripts/bench: input generation, Python peers, measurement and output checks (standard library only)."""
