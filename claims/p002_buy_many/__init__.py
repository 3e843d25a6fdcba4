"""Fine-Grained Buy-Many Mechanisms Are Not Much Better Than Bundling (Assadi, Kher, Li,
Schvartzman). Paper: shared/papers/002_00786031d819b294.txt; spec: shared/specs/buy-many.md."""

PAPER_FILE = "002_00786031d819b294.txt"
