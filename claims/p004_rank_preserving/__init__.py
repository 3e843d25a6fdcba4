"""Rank-preserving Multidimensional Mechanisms (Bikhchandani, Mishra, October 28, 2022).
Paper: shared/papers/004_694d818fb257edd4.txt; spec: shared/specs/rank-preserving.md.
Findings: findings.py; page: docs/findings/rank-preserving.md."""

from verify.paper import Paper

paper = Paper("p004", "Rank-preserving Multidimensional Mechanisms",
              authors="Sushil Bikhchandani, Debasis Mishra", year=2022,
              text="004_694d818fb257edd4.txt", page="rank-preserving")
