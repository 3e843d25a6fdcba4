"""On the Robustness of Mechanism Design under Total Variation Distance. Paper:
shared/papers/003_98591ef646a6cde5.txt; spec: shared/specs/tv-robustness.md.

Shared model code in ``model``; Section 3 and Appendix A (Lemmas 1-2, Theorem 1's tight
example, Proposition 5, subadditivity) in ``sec3``; the BIC tightness example of L163-165 in
``bic_example``; Theorem 1 on finite mechanism LPs in ``theorem1``; Sections 4.1-4.4 algebra and
transportation LPs in ``sec4``; the MRF statements of Appendix D in ``mrf``; Def 4 and Lemmas 5 and 7 (Appendix B) in
``lemmas57``; Theorem 3's proof steps in ``theorem3_steps``; Corollary 2's instance search in
``corollary2_search``; Proposition 4's two KL chains (S39.1, S39.2) line by line in
``prop4_kl``; findings and the
class-E entries in ``findings``. Kernel: ``verify.mech.tv``.
"""

from verify.paper import Paper

paper = Paper("p003", "On the Robustness of Mechanism Design under Total Variation Distance",
              authors="Anuran Makur, Marios Mertzaniadis, Alexandros Psomas, Athina Terzoglou",
              text="003_98591ef646a6cde5.txt", page="tv-robustness")
