"""Fine-Grained Buy-Many Mechanisms Are Not Much Better Than Bundling (Assadi, Kher, Li,
Schvartzman). Paper: shared/papers/002_00786031d819b294.txt; spec: shared/specs/buy-many.md.
Findings: claims/p002_buy_many/findings.py; page: docs/findings/buy-many.md."""

from verify.paper import Paper

paper = Paper("p002", "Fine-Grained Buy-Many Mechanisms Are Not Much Better Than Bundling",
              authors="Sepehr Assadi, Vikram Kher, George Li, Ariel Schvartzman",
              text="002_00786031d819b294.txt", page="buy-many")
