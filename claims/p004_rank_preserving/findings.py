"""Findings of p004 (Bikhchandani, Mishra, Rank-preserving Multidimensional Mechanisms): one per
root cause, with the claims that evidence it and the claims that show what still holds."""

from claims.p004_rank_preserving import paper

# ------------------------------------------------------------------ false statements

paper.finding(
    "M3-wlog", severity="false statement",
    title="The standing assumption t(v) >= v_low (L112) is not without loss of generality",
    explain="With v_low > 0, IR at a type near (v_low, ..., v_low) together with t >= v_low "
    "forces that type to be served, so exclusion is forbidden. One object, values uniform on "
    "{1, 2, 3}: the optimal revenue is 4/3 (price 2) but only 1 under t >= 1. For U[a, b] "
    "every mechanism with t >= a earns at most a, while the price b/2 earns "
    "b^2/(4(b - a)) > a when b > 2a. The proofs only use t >= 0 (L530), which is without loss "
    "of generality.",
    claims=("M3@R1", "M3.cont"), holds=("M3@R2", "M3.cont.bound"))

paper.finding(
    "MC1-exp", severity="false statement",
    title="The truncated exponential satisfies (11) only when 2 lambda vbar <= 3 (L423)",
    explain="For f proportional to exp(-lambda(v1 + v2)) on [0, vbar]^2, 3f + v.grad f = "
    "f (3 - lambda(v1 + v2)); at lambda = 1, vbar = 2, v = (3/2, 2) this is negative. Only the "
    "sub-family 2 lambda vbar <= 3 satisfies (11).",
    claims=("MC1.exp@R1",), holds=("MC1.exp@R2", "MC1.exp.identity"))

paper.finding(
    "RB1-average-marginal", severity="false statement",
    title="The average unit marginal of M^I is determined by the M^H marginal (L476)",
    explain="For an exchangeable M^H model, sum_i P(v_(i) <= x) = sum_i P(v_i <= x), so the "
    "average of the unit marginals G_avg always equals the common M^H marginal, and "
    "conversely. The remark that the M^H marginal does not determine 'the average of these "
    "marginal distributions', and that the M^H marginal cannot be pinned down from the unit "
    "marginals, is false; only the individual G_i are undetermined.",
    claims=("RB1.a-avg@strict", "RB1.a-avg@closed-W2", "RB1.b@strict", "RB1.b@closed-W2"),
    holds=("RB1.L-avg@strict", "RB1.L-avg@closed-W2", "RB1.a@strict", "RB1.a@closed-W2"))

# ------------------------------------------------------------------ proof gaps

paper.finding(
    "P7-subdifferential", severity="proof gap",
    title="The subdifferential of u is not compact at boundary types (L753)",
    explain="For the zero mechanism with n = 2 on [0, 1], (s, 0) is a subgradient of u at "
    "(1, 1/2) for every s >= 0 (P7.CMP.cont). On grids the subdifferential is unbounded, a "
    "lexicographic maximum need not exist, and a subgradient choice need not be a feasible "
    "allocation. Intersecting the subdifferential with the feasible allocations "
    "{x in [0,1]^n : x_1 >= ... >= x_n} repairs every step; Proposition 7 survives.",
    claims=("P7.CMP@R1", "P7.L777@R1", "P7.L789@pointwise-subd1"),
    holds=("P7.CMP@R2", "P7.L777@R2", "P7.L789@pointwise", "P7@strict"))

paper.finding(
    "P7-L-maximal", severity="proof gap",
    title="Definitions 11-12 as written admit no L-maximal rule (L781-789)",
    explain="Definition 11 asks q#(v) >_lex q^(v) at every v for every other q^ in Q(u); a q^ "
    "that differs from q# at a single type equals it elsewhere, so no L-maximal rule exists "
    "as soon as one subdifferential has two points. The proof uses the pointwise lexicographic "
    "maximum, which exists and works.",
    claims=("P7.L789@lit",), holds=("P7.L789@pointwise", "P7.NBs@strict"))

paper.finding(
    "P7-L807-k", severity="proof gap",
    title="An almost-deterministic q need not have one fractional coordinate k for all v "
    "(L807)",
    explain="Def 8 lets the fractional coordinate k depend on the type: n = 3, V = {0, 1}, a "
    "menu with seller ties gives q(0,0,0) = (1, 2/3, 0) (k = 2) and q(1,1,1) = (1, 1, 2/3) "
    "(k = 3). Defining the restricted subdifferential with a per-vector k keeps Claim 2 and "
    "the conclusion.",
    claims=("P7.L807",), holds=("P7.L823@K1", "P7.Cl2@K1"))

# ------------------------------------------------------------------ typos

paper.finding(
    "T3-l627-exponent", severity="typo",
    title="Display l.627: the middle exponent should be sigma^{-1}",
    explain="The second and third lines of the chain for q*(v^sigma-check) are false under "
    "either composition convention (n = 2: coordinate 1 is 1/8 against 0); with the exponent "
    "sigma^{-1} in place of sigma-check sigma^{-1} sigma^{-1} they hold. The end points of the "
    "chain, and so the symmetry of (q*, t*), are right.",
    claims=("T3b.q2@R1", "T3b.q2@R2", "T3b.q3@R1", "T3b.q3@R2"),
    holds=("T3b.q-ends@R1", "T3b.q-ends@R2", "T3b.t@R1", "T3.b.sym@printed"))

paper.finding(
    "T3-l627-composition", severity="typo",
    title="Display l.627: no single convention for sigma-check sigma makes lines 1 and 4 true",
    explain="With sigma-check sigma = sigma-check o sigma the first line holds and the fourth "
    "fails; with sigma o sigma-check the reverse. One convention must be fixed and the other "
    "line rewritten; the end points hold under both.",
    claims=("T3b.q1@R2", "T3b.q4@R1"), holds=("T3b.q1@R1", "T3b.q4@R2"))

paper.finding(
    "T3-l613-payment", severity="typo",
    title="Display l.613, last line: t(v-check; sigma) should be t^(v-check; sigma)",
    explain="Read as the original payment t(v-check), the last equality fails (n = 2: 0 "
    "against -1); with the symmetrised payment t^(v-check; sigma) = t(v-check^sigma) it holds.",
    claims=("T3a.5@literal",), holds=("T3a.5@hat",))

paper.finding(
    "P6-price-range", severity="typo",
    title="p-dagger must maximise over [v_low, v_high], not [0, 1] (L512, L518, L741)",
    explain="Section 5.3 writes G_avg and the maximum defining p-dagger on [0, 1] although "
    "types lie in [v_low, v_high]. With values in {0, 1, 2} and G_avg a point mass at 2, "
    "n max_{p in [0,1]} p(1 - G(p)) = 2 while the robust value is 4, attained by the uniform "
    "price 2; (22) then reads 4 <= 2. With the maximum over [v_low, v_high] Proposition 6 "
    "and (22) hold on every instance.",
    claims=("P6@R1-PR1", "P6@R2-PR1", "P6e@I-PR1"),
    holds=("P6@R1-PR2", "P6@R2-PR2", "P6e@I-PR2", "P6e@Hsym-PR2"))

paper.finding(
    "P6-L725-factor-n", severity="typo",
    title="L725: the guaranteed revenue is n p-dagger (1 - G_avg(p-dagger)); the factor n is "
    "missing",
    explain="With n = 2 and G_avg a point mass at 1, every F in F^avg gives the uniform price "
    "revenue 2 against p-dagger (1 - G(p-dagger)) = 1. (20), which has the factor n, holds.",
    claims=("P6a.L725@eq",), holds=("P6a.L725@geq", "P6a.20"))

# ------------------------------------------------------------------ ambiguities

paper.finding(
    "FOSD-undefined", severity="ambiguity",
    title="First-order stochastic dominance of vectors (Def 5) must be defined",
    explain="Under the usual stochastic order (E phi(X~) >= E phi(X) for increasing phi), "
    "condition (8) and Propositions 2 and 3 give revenue monotonicity. Under the lower or "
    "upper orthant order they do not: a bundle at 3/2 on {0,1}^2 earns 3/4 under "
    "1/2 (0,0) + 1/2 (1,1) and 0 under 1/2 (0,1) + 1/2 (1,0).",
    claims=("RM@R2", "RM@R3", "P2.a.rev@R2", "P2.a.rev@R3", "P3.a.rev@R2", "P3.a.rev@R3",
            "P3.b.rev@R2", "P3.b.rev@R3"),
    holds=("RM@R1", "P2.a.rev@R1", "P3.a.rev@R1", "P3.b.rev@R1"))

paper.finding(
    "X2-may-violate", severity="ambiguity",
    title="L244: 'a feasible mechanism violates the rank-preserving property' should read "
    "'may violate'",
    explain="Read as 'every feasible mechanism', the sentence is false: q_1 = ... = q_n is "
    "feasible and rank preserving on the increasing domain. Some feasible IC and IR mechanism "
    "does violate it, and its symmetric extension is not IC.",
    claims=("X2@R1",), holds=("X2.some",))

paper.finding(
    "L1a-IR-alone", severity="ambiguity",
    title="L530: IR alone does not give t(v^k) >= 0",
    explain="'t(v^k) >= 0 is bounded above due to IR' needs a payment bound: with IR alone, "
    "n = 1, v_high = 1, t = -1 is allowed. Under the standing bound of L112 (or t >= 0) it "
    "holds; Lemma 1 itself does not need it, since t is bounded for any IC mechanism.",
    claims=("L1a@R3",), holds=("L1a@R1", "L1a@R2"))

# ------------------------------------------------------------------ finite analogue only

paper.finding(
    "ties-symmetry-rp", severity="analogue only",
    title="Closed grids: Definitions 1-3 leave tied types unconstrained",
    explain="On a closed grid tied types carry mass. Readings that impose symmetry (Def 1) or "
    "rank preservation (Def 2) only at strict coordinates, or that extend (Def 3) at ties by "
    "the stable sort or by averaging without symmetry at ties, let tied types break Theorem 1, "
    "Lemma 2, footnote 6, Remarks 1-2, Theorem 2 (a), Propositions 4-5 and (21). The paper "
    "states everything on strict types (D^H), where every one of these holds; the failures "
    "only say which tie conventions the grid analogue needs (Def 1 and q_i = q_j at ties).",
    claims=("T1.i-ii@closed.SYM1.RP1", "T1.i-ii@closed.SYM1.RP2", "T1.ii-i@closed.SYM1.RP1",
            "T1.ii-i@closed.SYM1.RP2", "L2@closed.RP1.EXT1", "L2@closed.RP1.EXT2",
            "I3@closed.RP2", "D3.closed@stable.SYM2", "F6.closed@RP1.avg", "F6.closed@RP2.avg",
            "F6.closed@RP2.stable", "R1.ties@stable", "R2.closed@SYM1.avg",
            "R2.closed@SYM1.stable", "T2.a1@closed-sym1", "T2.a2@closed-sym2-dom2",
            "P4a@closed-E1-S1", "P4a@closed-E1-S2", "P4a@closed-E2-S2", "P5a@closed-S1-RP2",
            "P5b@closed-E1-RP1", "P5b@closed-E2-RP1", "P6d.L1"),
    holds=("T1.i-ii@strict", "T1.ii-i@strict", "L2@strict", "T1.i-ii@closed.SYM2.RP1",
           "T1.ii-i@closed.SYM2.RP1", "L2@closed.RP2.EXT1", "T2.a1@strict", "T2.a2@strict"))

paper.finding(
    "ties-weights", severity="analogue only",
    title="Closed grids: f^I := n! f^H is not a density when ties carry mass",
    explain="On a closed grid a tied type has fewer than n! permutations, so n! p^H puts "
    "total weight above 1 on T^I; the equal-revenue statements (Intro (3), Theorem 2 (b), "
    "Corollary 1) then fail, and so does Proposition 4 (values {1,2,3}, mass 1/3 on (1,1) and "
    "(3,3): M^I under n! p^H needs a randomised optimum, M^H does not). With the orbit weight |orbit(v)| p^H (the law of the sorted "
    "vector) they hold, and on strict types both weights agree.",
    claims=("I1.3@closed.W1", "T2.b1@closed-R1", "T2.b2@closed-R1", "T2b@closed-R1",
            "C1@closed-R1", "T2a.2@closed-R2", "P4@closed-W1-S1", "P4@closed-W1-S2"),
    holds=("I1.3@strict", "I1.3@closed.W2", "T2.b1@strict", "T2.b1@closed-R2", "C1@strict",
           "P4@closed-W2-S1", "P4@closed-W2-S2"))

paper.finding(
    "ties-region", severity="analogue only",
    title="Closed grids: with (2) read literally, tied types lie in no cone",
    explain="The cones D(sigma) of (2) are strict, so on a closed grid the tied types belong to "
    "none of them and carry mass: (3), the revenue decomposition in the proofs of Theorem 2, "
    "Proposition 5 and Corollary 4, and REV over the closure versus the interior then differ. "
    "With weak cones (each tied type weighted by 1/|Stab(v)|) or densities they hold.",
    claims=("RV.a@atoms", "RV.b@R3", "T2a.1@closed-R3", "P5d.1@closed-R3", "P5d.3@closed-R3",
            "CR4a.1@closed-R3", "CR4a.4@closed-R3", "CR4a.chain@closed-R3"),
    holds=("RV.a@density", "RV.b@R1", "RV.b@R2", "P5d.1@strict", "CR4a.chain@closed-R2"))

paper.finding(
    "nonbossiness-grid", severity="analogue only",
    title="Finite grids: non-bossiness is not automatic, so Propositions 2-3 need it or a tie "
    "rule",
    explain="Proposition 7 gives object non-bossiness only almost everywhere; on a finite type "
    "space nothing is null. A deterministic mechanism that breaks one indifference differently "
    "for (2,0) and (2,1) is IC, AD and MM yet has t(2,1) = 0 < 2 = t(2,0). With "
    "non-bossiness added (the proofs' reduced claim) or a consistent tie-breaking rule every "
    "grid checked is fine. On discrete type spaces the assumption must be stated.",
    claims=("NB1", "P2.a@V1-strict", "P2.a@V1-closed", "P2.b@V1", "P3.a@V1", "P3.a@V1-k2",
            "P3.b@V1", "P3a@10-noNB"),
    holds=("P2.a@V2-strict", "P2.b@V2-R1", "P3.a@V2", "P3.b@V2", "P3.a.menu@TB2",
           "P3a@10-NB"))

paper.finding(
    "agree-almost-all", severity="analogue only",
    title="Finite grids: 'for almost all v' in Proposition 7 becomes 'for all v'",
    explain="On a grid the subdifferential at some types is not a singleton, so the L-maximal "
    "rule differs from q there (V = {0, 1, 2}, menu {(1,0) at 0, (1,1) at 1/2}: q(1,0) = (1,0), "
    "q#(1,0) = (1, 1/2)). In the continuum those types are null (L791, class E).",
    claims=("P7.agree@R1", "P7.agree@R2"), holds=("P7@strict", "P7@closed"))

paper.finding(
    "cdf-atoms", severity="analogue only",
    title="Finite grids: with atoms, G(x) = P(X <= x) breaks (12) and the maximum defining "
    "p-dagger",
    explain="With atoms and G(x) = P(X <= x), a uniform price p sells to types with v_i = p, "
    "so REV = sum_i p P(v_i >= p) differs from sum_i p (1 - G_i(p)) (n = 2, point mass at "
    "(1,1), p = 1: 2 against 0), and sup_p p P(X > p) is not attained. The paper works with "
    "densities (Section 2), so the average marginal G_avg is continuous and both conventions "
    "coincide; only the finite analogue has atoms. With G(x) = P(X < x) everything holds on "
    "the grids.",
    claims=("UP2.1@R1", "UP2.3@R1", "UP3@R1-PR1", "UP3@R1-PR2"),
    holds=("UP2.1@R2", "UP2.3@R2", "UP3@R2-PR2", "UP2.cont"))

# ------------------------------------------------------------------ class E (not mechanised)

paper.unencoded("CR3", "Corollary 3 rests on the cited result of Bikhchandani-Mishra (2021) "
                "that (11) yields an almost-deterministic optimum; only its homogeneity piece "
                "is encoded (CR3.homog)")
paper.unencoded("DD", "L444-450 cite an existence claim of Babaioff et al. (2018); no finite "
                "witness found (about 3000 pmfs with n = 2, 34 i.i.d. instances with n = 3), "
                "consistent with their theorem that two i.i.d. items have a symmetric optimal "
                "deterministic mechanism (CR4.bnr)")
paper.unencoded("CR4", "Corollary 4 rests on the cited 'line mechanism'; footnote 22 (L715) is "
                "a remark on the earlier paper; only the display at L721 is encoded (CR4a.*)")
paper.unencoded("P6e.attribution", "the attribution of (22) to Carroll (2017); the finite "
                "inequality is checked as P6e")
paper.unencoded("L791", "'the subdifferential is a singleton for almost all v' is "
                "measure-theoretic and has no finite counterpart")
paper.unencoded("MC1.COEF", "the COEF reading of (11) is not encoded: (11) is used only with "
                "n = 2, where both readings give the coefficient 3")
paper.unencoded("Q1", "l.268-275: a modelling equivalence (formally Theorem 2)")
paper.unencoded("RM0.citation", "the Hart-Reny citations of l.319")
paper.unencoded("FN10", "footnote 10 ('almost all v^ > v suffices') is measure-theoretic")
paper.unencoded("FN11", "footnote 11 (IC, IR are distribution-free) is a remark")
paper.unencoded("P2d", "the almost-everywhere equalities of l.671 (and of the non-bossiness "
                "reduction at l.665, l.685 and footnote 21) rely on Proposition 7 in the "
                "continuum; the inequality for monotone t is RM@R1")
