"""What the checks found in the symmetric-fairness paper: one finding per root cause, and the
spec entries left as class E with the reason."""

from claims.p000_symmetric_fairness import paper

paper.finding(
    "def2.2-prices", severity="ambiguity",
    title="Def 2.2 constrains allocations only, but Obs 2's proof uses equal prices 'by "
    "symmetry'",
    explain="Interim symmetry (Def 2.2, l.118-120) says sigma(pi(v)) = pi(sigma(v)) and says "
    "nothing about the interim price q. The proof of Observation 2 (l.148) concludes that the "
    "swapped report pays 'the same interim expected price (also by symmetry)', and l.387 and "
    "l.801 use the same menu view ((sigma(x), p) on the menu). Under Def 2.2 as printed this "
    "does not follow: with IC for both t = (1, 0) and sigma t, pi(t) = (1/2, 0) at price 0 and "
    "sigma t at price 1/4 satisfy every constraint (P-4.price). Observation 2 itself survives "
    "when IC is imposed on the permutation closure (P-4@SYM2 PROVED) or prices are symmetric "
    "(SYM1, SYM4 PROVED), but with BIC only on the support and allocation symmetry only, type "
    "t = (1, 0) may take (0, 1/2) at price 0 while the report (0, 1) costs 1/2 (P-4@SYM3). "
    "The intended definition is evidently R-SYM1 (a menu closed under permutations, prices "
    "included); the text should say so. Appendix G (l.937) relies on the same reading: 'symmetry "
    "... can't charge different prices' for (1,4) and (4,1) holds under R-SYM1 by definition, "
    "but under Def 2.2 as printed with IC for both types, pi(4,1) = (1/6, 0) at price 1/2 and "
    "pi(1,4) = (0, 1/6) at price 0 is allowed (G-6.price). Reading R-BIC with reports in "
    "R^m_{>=0} repairs it only if every point of R^m_{>=0} is a type the mechanism is IC for "
    "(then prices are equal, P-4.price.Rm, and Obs 2 holds, P-4.Rm); with IC for the support "
    "types only, D = delta_(1,0) with (0, 1/2) at price 0 for t, (1/2, 0) at price 1/2 for "
    "sigma t and nothing at price 1 for every other report still breaks both "
    "(P-4.Rm.reports, P-4.price.Rm.reports).",
    claims=("P-4.price", "P-4@SYM3", "G-6.price", "P-4.Rm.reports", "P-4.price.Rm.reports"),
    holds=("P-4@SYM1", "P-4@SYM2", "P-4@SYM4", "G-6.price.Rm",
           "P-4.price.Rm", "P-4.Rm"))

paper.finding(
    "iid-every-optimum", severity="ambiguity",
    title="Footnote 4: 'the optimal auction is symmetric' holds for some optimum, not every one",
    explain="For a permutation-invariant D, averaging an optimal menu over item permutations "
    "gives a symmetric optimum, so SymRev(D) = Rev(D) (I-4@some, CHECKED on all small i.i.d. "
    "laws). Read as 'every revenue-optimal auction is symmetric' the sentence is false: already "
    "for D = delta_0 x delta_0 the menu giving item one for free to the type (0, 0) is optimal "
    "and not symmetric (I-4@every). The footnote's own 'i.e. SymRev(D) = Rev(D)' fixes the "
    "intended reading.",
    claims=("I-4@every",), holds=("I-4@some",))

paper.unencoded("I-3", "footnote 3 (unlimited supply is equivalent to a single bidder) is an "
                "informal modelling remark: it would need a multi-bidder model with unlimited "
                "supply and a notion of equivalence the paper does not define")
paper.unencoded("P-5", "l.150 says ex-post symmetry and ex-post IC imply ex-post strong "
                "monotonicity, but the paper states it has not defined ex-post IC; mechanising "
                "it needs a definition (e.g. DSIC) the paper does not give")

paper.finding(
    "thm3.6-m1", severity="typo",
    title="Theorem 3.6 needs m >= 2: at m = 1 the bound 5 log 1 = 0 fails for every D",
    explain="Theorem 3.6 (l.229) claims BRev(D) <= 5 log(m) SSRev(D) 'for any distribution D "
    "... and m not necessarily independent items'. At m = 1 the right side is 0 while BRev = "
    "SSRev > 0 for every non-zero D (T-7 at m = 1, every log base). The proof's step "
    "p <= m + m log p => p <= 5 m log m (Lemma E.5) also fails at m = 1 (p = 1 satisfies the "
    "premise; E-3.d), while for 2 <= m <= 60 that step holds in every base (E-3.d.m2). A log "
    "approximation is meant for m >= 2, so the literal words fail only at the degenerate m = 1 "
    "and the intent is clear: with m >= 2 the bound holds with the natural log or log base 2 "
    "over every prior on {0..4}^m for m = 2, 3 (T-7.m2, CHECKED). (Read with log base 10, a "
    "reading we list but do not attribute to the authors, it fails at m = 2: the prior "
    "(1,3): 1/5, (1,4): 3/5, (2,2): 1/5 has BRev/SSRev = 5/3 > 5 log10 2 = 1.505, "
    "T-7.m2@log10.)",
    claims=("T-7@ln", "T-7@log2", "T-7@log10", "E-3.d@ln", "E-3.d@log2", "E-3.d@log10"),
    holds=("T-7.m2@ln", "T-7.m2@log2", "E-3.d.m2@ln", "E-3.d.m2@log2", "E-3.d.m2@log10",
           "E-3.c"))

paper.finding(
    "lemma3.4-prose", severity="typo",
    title="Lemma 3.4, l.205: the bundle sells with probability at least q(p)/9, not q(p)",
    explain="The proof ends 'we can set price p on the grand bundle, and it will sell with "
    "probability at least q(p)'. q(p) is an expected count and can exceed 1: two items with "
    "value 1 and p = 1 give q(p) = 2 while the sale probability is 1 (T-4.c). The displayed "
    "chain proves Pr[sum_j v_j >= p] >= 1 - e^{-q(p)} >= q(p)/9, which is what the lemma "
    "needs (T-4 CHECKED, its links T-4.L3, T-4.L4 PROVED).",
    claims=("T-4.c",), holds=("T-4", "T-4.L3", "T-4.L4", "T-4.chain"))

paper.finding(
    "appG-not-truthful", severity="proof gap",
    title="Appendix G: the mechanisms M and M' are not truthful, so their revenue comparison "
    "says nothing about FairRev vs SymRev",
    explain="In M (and M'), the type (1,4) is offered (0,1) at price 3, but reporting (0,1) "
    "gives it the same item at price 1: its regret is 2 (G-5@M, G-5@M2; the type (0,4) has the "
    "same problem). The paper's benchmarks range over truthful mechanisms (Section 2), so 'M' "
    "achieves more revenue' than M (G-4, true as arithmetic) does not show that fair mechanisms "
    "can beat symmetric ones. The intended point does hold for small eps: the certified optima "
    "give FairRev = 141/50 > SymRev = 133/50 at eps = 1/10 (G-7@some).",
    claims=("G-5@M", "G-5@M2"), holds=("G-4", "G-7@some", "G-1", "G-2", "G-3"))

paper.finding(
    "appG-eps", severity="ambiguity",
    title="Appendix G leaves eps unspecified; fairness beats symmetry only for small eps",
    explain="D_1 and D_2 depend on an eps the text never fixes. On eps in {1/20, ..., 9/20} the "
    "certified optima give FairRev(D) > SymRev(D) for eps = 1/20 and 1/10 but FairRev = SymRev "
    "from eps = 3/20 on (1099/400 both at 3/20; G-7@every), under every R-SYM reading. The "
    "example needs eps small (at most about 1/10), which it should say.",
    claims=("G-7@every",), holds=("G-7@some", "G-0"))

paper.finding(
    "thmC1-constant", severity="proof gap",
    title="Theorem C.1: the last line of the closing chain (l.780) does not follow; the chain "
    "gives 11 BRev, not 10 BRev",
    explain="With eps = 0.319 the third line of the chain is (1/(1-eps))(max{12S, 2.568B} + B + "
    "S) + (2/(eps(1-eps)))B. Its coefficient of B outside the max is 1/0.681 + 2/(0.319 * 0.681) "
    "= 10.675..., so at S = 0, B = 1 it equals 14.446 > 14 = max{18S, 4B} + 2S + 10B "
    "(C-1.final; z3's witness is S = 125/111, B = 375/74). No eps in (0, 1) repairs it: at "
    "S = 0, B = 1 the left side (3.568 eps + 2)/(eps(1 - eps)) exceeds 14 for every eps "
    "(C-1.any-eps). The chain does prove max{18S, 4B} + 2S + 11B (C-1.repair), and the "
    "theorem's bound itself holds on every small instance with regular D'_0 (C-1 CHECKED), so "
    "only the printed constant is unsupported.",
    claims=("C-1.final",), holds=("C-1", "C-1.repair", "C-18.l12", "C-17.chain", "C-16.chain"))

paper.finding(
    "obs8-misprint", severity="typo",
    title="Observation 8: the statement's bound e^{-delta^2/6} and the equality "
    "e^{-delta^2 k/2} = e^{-delta^2 k/6} are misprints for 1 - e^{-delta^2 k/2}",
    explain="The proof of Observation 8 (l.753) derives Pr[sum_j v_j <= (1-delta) CORE] <= "
    "e^{-delta^2 mu/2} <= e^{-delta^2 k/2} and then writes '= e^{-delta^2 k/6}', false for every "
    "delta in (0, 1) at k = 12 (C-14.eq, delta = 1/2). The statement then claims Pr[sum_j v_j > "
    "(1-delta) CORE] >= e^{-delta^2/6}, which the proof's bound 1 - e^{-6 delta^2} does not give "
    "(at delta = 1/2: 1 - e^{-3/2} = 0.777 < e^{-1/24} = 0.959; C-14.gap). Lemma C.20 uses the "
    "correct bound 1 - e^{-delta^2 k/2} (l.759), so nothing downstream depends on the misprints.",
    claims=("C-14.eq", "C-14.gap"), holds=("C-14.mono", "C-15.chain", "C-15.b", "C-15"))

paper.finding(
    "lemmaC20-075", severity="proof gap",
    title="Lemma C.20, last sentence: price 0.62 CORE is not shown to sell with probability 0.75",
    explain="The proof closes with 'we can set price 0.62 CORE on the grand bundle, and it will "
    "sell with probability at least 0.75'. Price 0.62 CORE is delta = 0.38, where the proof's "
    "bound gives only 1 - e^{-0.38^2 * 6} = 0.5795 < 0.75, and 0.62 * 0.5795 = 0.3593 < 1/2.568 "
    "(C-15.d). The lemma itself follows from the preceding numbers at delta = 0.48 "
    "((1 - 0.48)(1 - e^{-0.48^2 * 6}) = 0.38949 >= 1/2.568; C-15.b, C-15.c, C-15.chain PROVED), "
    "so only this witnessing remark is unsupported.",
    claims=("C-15.d",), holds=("C-15.a", "C-15.b", "C-15.c", "C-15.chain", "C-15"))

paper.finding(
    "ties-strict-max", severity="proof gap",
    title="Lemma B.12 and Lemma C.11 treat the maximum as unique; with the lexicographic tie "
    "rule two printed equalities fail on discrete D",
    explain="Def B.1 breaks ties in argmax 'lexicographically', so with discrete values an item "
    "j != j* can have v_j equal to the maximum. Line 2 of Lemma B.12 (l.476-478) says j is not "
    "in {0, j*} 'exactly when there is some other j' with larger value'; for two i.i.d. items "
    "{0: 1/2, 1: 1/2}, TAIL = 1/4 but the printed line 2 is 0 (B-14.l2@tie-first). Lemma "
    "C.11's proof (l.649) says that given v_0 the other items are independent with v_j ~ D_j | "
    "(v_j < v_0); on the same D, given v_0 = 1 item 2 equals 1 with probability 1/3 "
    "(C-6.b@tie-first). Lemma B.15's proof (l.516) says D'_0 | v_-0 and D'_0 | (v_0 > max_j v_j) "
    "have the same support 'v > max_{j>=1} v_j', but D'_0 | v_-0 charges v_0 = max_j v_j: for "
    "D = {0: 1/2, 1: 1/2} and v_-0 = (0) it is supported on {0, 1}, the other on {1} (B-17.d); "
    "and for D = delta_1 x delta_1, v_-0 = (0, 1) has v_0 = 1 = max_j v_j surely, so the first "
    "link of Prop B.16 compares Rev(delta_1) = 1 with the revenue of an empty conditional "
    "(B-18.L1@tie-first). These hold on tie-free instances (the @tie-free readings), and the "
    "bounds they serve survive (TAIL <= SSRev via v_j Pr[exists j': v_j' >= v_j] <= SSRev; "
    "B-14 CHECKED); the proofs need 'larger or equal and earlier in the tie order'.",
    claims=("B-14.l2@tie-first", "C-6.b@tie-first", "B-17.d", "B-18.L1@tie-first"),
    holds=("B-14.l2@tie-free", "C-6.b@tie-free", "B-14@SSRev", "B-14.l3", "C-6", "B-17",
           "B-18.L1@tie-free", "B-18"))

paper.finding(
    "propB2-eps", severity="typo",
    title="Proposition B.2 says 'for any eps > 0' but needs eps in (0, 1)",
    explain="For eps > 1 both 1/(1-eps) and 2/(eps(1-eps)) are negative, so the right side is "
    "negative while SymRev(D) >= 0: already D = delta_1 (one item) at eps = 2 gives SymRev = 1 > "
    "-Rev(D') - BRev(D) = -2 (B-2@printed), and eps = 1 is undefined. The proof (Lemmas B.5, "
    "B.7) and every use take eps in (0, 1) (eps = 1/2, 0.319); with that range the bound holds "
    "on every small instance (B-2@open01).",
    claims=("B-2@printed",), holds=("B-2@open01", "B-10.alg", "B-10.last"))

paper.finding(
    "exA2-price", severity="typo",
    title="Example A.2: the optimal menu charges 4, not 3, for both items",
    explain="Selling item one at price 1 and item two at price 3 charges the high type 1 + 3 = "
    "4 for both items, and that menu earns Rev(D) = 5/2 (A-4.a@L1 PROVED against the certified "
    "LP). The printed table says p_1(1,3) = 3; with that price the menu earns 2 < 5/2 (A-4.b, "
    "both readings), so the printed table is not the optimum it describes.",
    claims=("A-4.b@L1", "A-4.b@L2"), holds=("A-4.a@L1", "A-4.c@L1", "A-4.c@L2"))

paper.finding(
    "exA2-labels", severity="ambiguity",
    title="Example A.2: the item roles of l.330 are swapped relative to l.332 and footnote 9",
    explain="l.328-330 give the Maternity type value 3 for item one (D_11 = {1, 3}, D_12 = "
    "delta_1), but the menu of l.332 writes the type as (1, 3), 'item one at price 1 and item "
    "two at price 3', and footnote 9 says D_11 is the point mass and the optimal price for "
    "D_12 is 3. With l.330's roles the separate prices (1, 3) earn 1 < Rev = 5/2 (A-4.a@L2) and "
    "D_12 is a point mass with optimal price 1 (A-4.d@L2); with the roles of l.332 and the "
    "footnote everything but the price typo holds (A-4.a@L1, A-4.d@L1). The interim "
    "unfairness of the optimum holds either way (A-4.c).",
    claims=("A-4.a@L2", "A-4.d@L2"), holds=("A-4.a@L1", "A-4.d@L1", "A-4.c@L1", "A-4.c@L2"))

paper.finding(
    "exF2-signs", severity="typo",
    title="Example F.2: the exponents of the probability bound have lost their minus signs",
    explain="l.877 prints 'with probability at most sum_i 2^i < 2^j' and 'p 2^j <= 2^{j+1} "
    "2^j = 2'; the example's probabilities are 2^{-i}, and 2^{j+1} 2^j = 2^{2j+1} != 2 for "
    "j >= 1 (F-2.b@printed at j = 1). With 2^{-i} and 2^{-j} both lines hold (F-2.sum, "
    "F-2.b@flipped), and the example's conclusions SRev = l, SSRev <= 2, BRev <= 2 hold "
    "exactly for l <= 12 (F-2).",
    claims=("F-2.b@printed",), holds=("F-2.b@flipped", "F-2.sum", "F-2"))

paper.finding(
    "propB16-atoms", severity="proof gap",
    title="Proposition B.16: the step to the two-draw form (l.536-540) fails for discrete D'_0",
    explain="The proof replaces w_0 by the maximum of two draws and argues this 'increases "
    "Rev(D'_0 | v_0 > w_0')'. With atoms, conditioning on v_0 > min{w_0, w_0'} can leave no mass "
    "(both draws at the top of the support; Ronen's auction then sells nothing), and the "
    "zero case of Def B.1 makes max_{j>=1} v_j = w_0 = 0 rather than < w_0. For one item D = "
    "{0: 1/2, 1: 1/2}, D' is well defined by the paper's own rule, E[Rev(D'_0 | v_0 > max_j "
    "v_j)] = 1 but E_{w_0, w_0'}[Rev(D'_0 | v_0 > min{w_0, w_0'})] = 3/4 (B-18.L3@exclude); with "
    "D = delta_1 and the zero convention for the undefined step 4 of Def B.1 the gap is 1 vs 0 "
    "(B-18.L3@zero). The proof says it is written for discrete D_j (l.504). The proposition "
    "itself holds on every small instance (B-18 CHECKED), and so do the other links "
    "(B-18.L45).",
    claims=("B-18.L3@zero", "B-18.L3@exclude"), holds=("B-18", "B-18.L45", "B-18.L1@tie-free"))

paper.finding(
    "appE-strict", severity="typo",
    title="Appendix E writes Pr[. > p] where the benchmarks need Pr[. >= p]",
    explain="BRev and SSRev are defined with Pr[sum_j v_j >= p] and Pr[v_j >= p] (Section 2). "
    "Lemma E.3's proof sets q = Pr[sum_j v_j > p_B] and claims BRev(D) = p_B q: for D = delta_1 "
    "(one item) p_B = 1, q = 0 but BRev = 1 (E-1.a@gt); its D'' then zeroes the vectors with sum "
    "exactly p_B and loses all bundle revenue (E-1.b@gt). Lemma E.4's proof writes Pr[v'_k >= p] "
    "= sum_j (1/m) Pr[v_j > p], false at any atom p (E-2.b@gt). With >= throughout the steps "
    "hold on every prior of the slice (the @ge readings), and so do both lemmas (E-1, E-2).",
    claims=("E-1.a@gt", "E-1.b@gt", "E-2.b@gt"),
    holds=("E-1.a@ge", "E-1.b@ge", "E-2.b@ge", "E-1", "E-2"))

paper.finding(
    "appE-cdf", severity="typo",
    title="Lemma E.3: 'F''(x) <= F(x)' has the inequality reversed",
    explain="D'' lowers every value (a vector is scaled down to sum p_B or zeroed), so its "
    "marginal CDFs are pointwise larger: F''(x) >= F(x), which is what 'values are lowered in "
    "a stochastically dominating way' and SSRev(D'') <= SSRev(D) need (E-1.c@lowered, E-1.b@ge). "
    "As printed, F'' <= F fails already for D = {1: 1/2, 2: 1/2} at x = 1: F = 1/2, F'' = 1 "
    "(E-1.c@printed).",
    claims=("E-1.c@printed",), holds=("E-1.c@lowered", "E-1.b@ge"))

paper.finding(
    "thmC6-equality", severity="ambiguity",
    title="Theorem C.6 (Myerson) as stated: revenue equals virtual welfare only for the tight "
    "prices",
    explain="Theorem C.6 says every truthful single-item mechanism's revenue equals its "
    "expected virtual welfare with phi of Def C.5. On a discrete D a truthful mechanism may "
    "leave surplus: for D = delta_1, allocating 1/2 at price 0 is truthful with revenue 0 and "
    "virtual welfare 1/2 (C-3@eq). What holds (and what Observation 7 uses) is revenue <= "
    "virtual welfare with equality for the payment-identity prices (C-3@le, every monotone "
    "allocation in {0, 1/2, 1} on every small D).",
    claims=("C-3@eq",), holds=("C-3@le", "C-10", "C-10.aux"))

paper.finding(
    "lemmaC18-D", severity="typo",
    title="Lemma C.18: TAIL printed as an expectation over D (l.723) must be over D'",
    explain="l.723 defines TAIL = E_{v <- D}[sum_{j != 0} v_j 1(v_j >= SSRev(D))]. Over D the "
    "lemma TAIL <= SSRev(D) is false: one item {1: 1/2, 2: 1/2} has SSRev = 1 and "
    "E[v 1(v >= 1)] = 3/2 (C-12@D). The proof's first line takes the expectation over D' "
    "(items other than the maximum), where the bound holds on every small instance "
    "(C-12@Dprime, C-12.l2).",
    claims=("C-12@D",), holds=("C-12@Dprime", "C-12.l2"))

paper.finding(
    "exA1-swapped", severity="typo",
    title="Example A.1, two-bidder variant (l.324): pi_11 and pi_12 are swapped",
    explain="With bidders one (STEM, (1,1)) and two (Maternity, item one worth 2 or 0) only, "
    "bidder one wins item one exactly when bidder two's value is 0 (probability 1/2) and always "
    "wins item two, which bidder two never values: pi_11(1,1) = 1/2 and pi_12(1,1) = 1, not "
    "'pi_11(1,1) = 1 while pi_12(1,1) = 1/2' (A-3). The conclusion, interim unfairness of an "
    "optimal (revenue = welfare = 5/2) truthful auction, holds (A-3.unfair).",
    claims=("A-3",), holds=("A-3.unfair", "A-2"))

paper.unencoded("E-4", "Lemma E.6 (l.865-867) is a Theta-statement about a function f(alpha) "
                "that the paper never defines ('f(alpha) is always the better of "
                "1/Theta(log m) and Theta(alpha/m)'); mechanising it needs a definition of f "
                "and of the hidden constants")

paper.finding(
    "propC16-display", severity="typo",
    title="Proposition C.16 proof (l.692): the middle expression drops 'v_j -'",
    explain="The display reads Phi_j = v_j - f(v)(1-F_j(v_j))(s - v_j)/(f_j(v_j) f(v)) = "
    "(1-F_j(v_j))(s - v_j)/f_j(v_j) = phi^{D_j}(v_j). The middle term lacks 'v_j -': for one item "
    "{0: 1/2, 1: 1/2} at v_0 = 0 the first expression is -1 and the middle one 1 (C-7.692). "
    "With 'v_j -' restored the chain is Def C.5, and the proposition holds: Phi_0 = phi^{D'_0}(v_0) "
    "and Phi_l <= v_l on every small tie-free instance (C-7.16).",
    claims=("C-7.692",), holds=("C-7.16", "C-7", "C-2", "C-8"))

paper.finding(
    "appF-theta-as-equality", severity="typo",
    title="Example F.3 (l.887-891) writes Theta-relations as equations (alpha(m) = m/(k log k), "
    "= 1/log m, = m)",
    explain="BRev(ER^k) = Theta(k log k) is cited from [32] without constants, but the algebra of "
    "Ex F.3 uses it as the equation BRev = k log k: 'alpha(m) = SRev/BRev = m/k log(k)', and for "
    "k = m 'alpha(m) = 1/log(m)', for k = 0 'alpha(m) = m'. Read as equations these fail at the "
    "smallest cases: BRev(ER^3) >= 3.96 > 3 ln 3 (exact BRev of ER rounded down and truncated "
    "at 12, a lower bound), so alpha <= 3/3.96 < 1/ln 3 (F-3.e@equal); alpha(2) <= 2/(85/36) "
    "< 1/ln 2 (F-3.f.km@equal); for k = 0, l = 2, BRev(D^l) = 5/4 and alpha = 8/5 != 2 "
    "(F-3.f.k0@equal). Read up to constants, as the surrounding Theta and ~ signs intend, every "
    "step holds: k (ln k - 1)/2 <= BRev(ER^k) <= k (9 + 4 ln k) for every k (the project's "
    "Chebyshev proofs, F-1.d.lb, F-1.d.ub; F-1.d PROVED), so BRev/SSRev = Omega(log k) and "
    "Thm 3.6's log factor is tight (F-1.e PROVED); "
    "alpha <= 2m/(k (ln k - 1)), f(alpha) <= 12/ln k, and the k ~ (m/alpha)/log(m/alpha) "
    "asymptotics are exact limits (F-3.e@theta, F-3.e.f, F-3.e.k); the cases k = m and k = 0 "
    "hold as Theta (F-3.f.km@theta, F-3.f.k0@theta).",
    claims=("F-3.e@equal", "F-3.f.km@equal", "F-3.f.k0@equal"),
    holds=("F-1.d", "F-1.e", "F-1.d.lb", "F-1.d.ub", "F-3.e@theta", "F-3.e.f", "F-3.e.k",
           "F-3.f.km@theta", "F-3.f.k0@theta"))

paper.finding(
    "exA1-first-price", severity="ambiguity",
    title="Example A.1's auction is truthful only with reports restricted to the support",
    explain="l.320 calls 'each item to the highest bidder, charged their full value' truthful "
    "('not hard to see'). That holds when each bidder reports a type of its support (A-2), and "
    "then also against every report in R^2_{>=0} once an outside report is given the option of "
    "its favourite support report or nothing, as the menu view of l.85-92 implies "
    "(A-2.a.Rm@ext). Read as a rule on every report, it is a first-price auction and not "
    "truthful: bidder one, of type (1,1), reporting (0, 1/2) wins item two whenever bidder "
    "three values it 0 and pays 1/2, for interim utility 1/4 > 0 (A-2.a.Rm@rule). The example "
    "should say that reports are restricted to the support (or that the auction is a menu). "
    "The two-bidder variant (l.324) inherits it: bidder one reporting (0, 1/2) wins item two "
    "always and pays 1/2, interim utility 1/2 > 0 (A-3.Rm@rule; A-3.Rm@ext holds).",
    claims=("A-2.a.Rm@rule", "A-3.Rm@rule"), holds=("A-2.a.Rm@ext", "A-2", "A-3.Rm@ext"))

paper.finding(
    "corB9-expectation", severity="typo",
    title="Corollary B.9 proof: V' is dominated by the random variable min{max v, max w}, not by "
    "its expectation",
    explain="l.436 says 'V' is stochastically dominated by E_{(v,w) <- D x D}[min{max_j v_j, "
    "max_j w_j}]'. Dominated by that number, V' would be at most E[min{...}] surely, which "
    "fails: for one item uniform on {0, 1, 2}, V' = 1 with probability 1/6 while E[min of two "
    "draws] = 5/9 (B-9.a@expectation). The rest of the proof compares two random variables "
    "('the distribution of min{...} stochastically dominates V''), and that dominance holds on "
    "every small instance (B-9.a@rv), as does the corollary (B-9).",
    claims=("B-9.a@expectation",), holds=("B-9.a@rv", "B-9"))

paper.finding(
    "corB9-two-draw", severity="proof gap",
    title="Corollary B.9 proof: min of two draws is not 'X, then Y conditioned on Y < X' when "
    "the law has atoms",
    explain="l.438-442 describe min{max_j v_j, max_j w_j} as 'draw X from the law of the larger "
    "of the two maxima, then Y from G = law(max_j z_j) conditioned on Y < X'. With atoms the two "
    "draws tie with positive probability and then min = max, which 'Y < X' excludes: for one "
    "item {0: 1/2, 1: 1/2} the minimum is 1 with probability 1/4, the described Y never (B-9.b). "
    "The description is right for atomless laws, and the two facts the proof draws from it "
    "hold on every small discrete instance (B-9.c), as does the conclusion V' <= min{...} "
    "stochastically (B-9.a@rv) and the corollary (B-9).",
    claims=("B-9.b",), holds=("B-9.c", "B-9.a@rv", "B-9"))

paper.finding(
    "obs8-core-dependent", severity="proof gap",
    title="Observation 8 applies Chernoff to the CORE summands, which under D' are neither "
    "independent nor the coordinates of v <- D",
    explain="CORE is an expectation over D' (Lemma C.21 needs it there), but the proof of "
    "Observation 8 says 'CORE is the expected sum of independent random variables' (l.743) and "
    "equates Pr[Y <= (1-delta) CORE] with Pr_{v <- D}[sum_j v_j <= (1-delta) CORE] (l.751). "
    "Under D' the summands v_j 1(v_j < SSRev) are dependent (the redrawn top item depends on the "
    "others): for the tie-free D = {0: 1/2, 1: 1/2} x {0: 1/3, 2: 1/3, 7: 1/3}, SSRev = 7/3 and "
    "the summands' joint law is (0,0): 7/12, (0,2): 1/12, (1,0): 1/4, (1,2): 1/12, not the "
    "product of its marginals (C-14.l743); and for one item uniform on {0, 1, 4}, CORE = 1/6 "
    "and at t = CORE/2 = 1/12, Pr[Y <= t] = 5/6 while Pr_D[v_1 <= t] = 1/3 (C-14.l751@eq). The direction the chain needs, Pr_D[sum_j v_j <= t] <= Pr[Y <= t], holds on "
    "every small instance (C-14.l751@ge), and Lemma C.20 itself holds there (C-15). The argument "
    "of Prop B.14 repairs the step: Y is dominated by sum_j min{w_j, SSRev} (w <- D, independent, "
    "mean C >= CORE; B-16.ii), to which Chernoff applies: Pr_D[sum_j v_j <= (1-delta) CORE] <= "
    "e^{-delta^2 CORE/(2 SSRev)}, the bound Lemma C.20 uses, holds at every delta on every small "
    "instance (C-14.repair).",
    claims=("C-14.l743", "C-14.l751@eq"),
    holds=("C-14.l751@ge", "C-14.repair", "C-15", "B-16.ii", "C-15.scale"))

paper.unencoded("C-4.614", "l.614 says SymNon-dominant = O(max{SSRev(D), BRev(D)}) 'using ideas "
                "similar to those in [9]', with no constant and no proof: a finite check can "
                "neither confirm nor refute an O(1) ratio; mechanising it needs the constant (the "
                "finite content with [9]'s constant, Non-dominant <= 5 max{SRev, BRev}, is "
                "C-4.612.nondom, and SymNon-dominant <= Non-dominant since the symmetric rules "
                "are a subset)")
