"""On Symmetries and Fairness in Multi-Dimensional Mechanism Design (submission 150).
Paper: shared/papers/000_90c012eaecaef3a6.txt; spec: shared/specs/symmetric-fairness.md.
Findings: claims/p000_symmetric_fairness/findings.py; page: docs/findings/symmetric-fairness.md."""

from verify.paper import Paper

paper = Paper("p000", "On Symmetries and Fairness in Multi-Dimensional Mechanism Design",
              authors="anonymous (submission 150)",
              text="000_90c012eaecaef3a6.txt", page="symmetric-fairness")
