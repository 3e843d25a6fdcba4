"""Rank-preserving Multidimensional Mechanisms (Bikhchandani, Mishra, October 28, 2022).
Paper: shared/papers/004_694d818fb257edd4.txt; spec: shared/specs/rank-preserving.md."""

PAPER_FILE = "004_694d818fb257edd4.txt"
