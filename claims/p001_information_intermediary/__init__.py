"""The Limits of an Information Intermediary in Auction Design (Alijani, Banerjee, Munagala,
Wang). Paper: shared/papers/001_ce7b3291bf213a0c.txt; spec: shared/specs/information-intermediary.md.

Proposition 1 (PR-1) and Theorem 5 (TH-5, TH-5-T2) live in ``prop1``, ``moves`` and
``structure``, on the Section 3 objects of ``model`` and the exact LP (2) tools of ``lp2``.
"""

PAPER_FILE = "001_ce7b3291bf213a0c.txt"
