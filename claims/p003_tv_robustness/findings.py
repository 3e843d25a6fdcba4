"""What the checks found in the TV-robustness paper: one finding per root cause, and the
class-E entries with the reason they are not mechanised."""

from claims.p003_tv_robustness import paper

paper.finding(
    "prop5-lower-bound", severity="false statement",
    title="Proposition 5: the gain from truth-telling can be -2H, not only >= -H",
    explain="With payments in [-H, H] (L63) a deviation can be subsidised: one agent, H = 1, "
    "type a values the item at 1, type b at 0; M(a) = nothing at price 0, M(b) = the item at "
    "payment -1. M is ex-post IR, yet u(a <- b) = 0 - (1 + 1) = -2 = -2H. The printed proof "
    "(L311) shows 0 <= t_i(M(t)) and -H <= t_i(M(t'_i, t_-i)) <= 2H, which combine to "
    "-2H <= u <= 3H; the step 'combining these inequalities we have -H <= u' is the error. "
    "The upper bound 3H holds; with nonnegative payments the lower bound -H holds. Proposition "
    "5 feeds the 4H range used at L354 (Lemma 4) and L469 (Lemma 7), which becomes 5H: the "
    "steps S11.1 and S11.2-3 (the coupling bound 4H d_TV of the conditionals) fail on a "
    "concrete ex-post IR mechanism (difference 5H). The printed proof of "
    "Lemma 4 then gives 10H delta/q, not 8H delta/q; the statement itself survives on the "
    "finite instance checked (S10, largest loss-times-mass 9/2 H delta < 8H delta), so this is "
    "a false auxiliary proposition whose consequence for Lemma 4 is a proof gap in the constant.",
    claims=("S15.L@model", "S15.3", "S15.L.realised", "S11.1", "S11.3"),
    holds=("S15.U", "S15.1", "S15.2", "S15.L@nonneg", "S10@RQ1", "S10@RQ2", "S12.i@RQ1",
           "S12.i@RQ2"))

paper.finding(
    "cor2-constant", severity="proof gap",
    title="Corollary 2: Observation 1 with alpha = 1/m gives d_TV > Rev/(2(m+1)V), not "
    ">= Rev/(4V)",
    explain="The hypothesis Rev/BRev >= 2m says BRev <= (alpha/2) Rev with alpha = 1/m, the "
    "product-law factor of bundling quoted at L211. Observation 1's contrapositive then gives "
    "d_TV(D, D^p) > alpha Rev/(2(1+alpha)V) = Rev/(2(m+1)V), which is below the stated "
    "Rev/(4V) for every m >= 2 (m = 2: 1/6 < 1/4); at equality Rev/BRev = 2m the "
    "contrapositive gives nothing. The corollary's bound does not follow from the argument "
    "the text names; whether it holds otherwise is not decided here.",
    claims=("S33.derive",), holds=("S32@ROPT-pos", "S32@general"))

paper.finding(
    "prop3-log-base", severity="ambiguity",
    title="Proposition 3: 'log' must be the natural log",
    explain="For the L577 law the least MRF parameter is Delta = (1/4) ln(1/r) with "
    "r = D(AA)D(BB)/(D(AB)D(BA)) <= k, so Delta >= (1/4) ln(1/k) holds for every k in (0, 1/2). "
    "The paper writes 'log' at L225 and L577 and 'ln'/'exp' elsewhere; read as log base 2 the "
    "bound fails, e.g. at k = 1/4: r = 11/75 and Delta = (1/4) ln(75/11) ~ 0.480 < (1/4) log2 4 = "
    "1/2.",
    claims=("S36@RL2",), holds=("S36@RL1", "S36.1", "S36.2", "S36.3", "S36.4"))

paper.finding(
    "thm1-tight-example", severity="ambiguity",
    title="Theorem 1's 'tight example' attains Lemma 2's V delta, not Theorem 1's bound",
    explain="On the L161 instance (point mass at V against (1-delta) at V and delta at 0, "
    "posted price V) the loss is exactly V delta, so the first step of Theorem 1's proof "
    "(Lemma 2) is tight. Theorem 1 itself is not an equality there for any alpha in [0, 1]: "
    "E_Q = (1-delta)V while the bound is at most max(-V delta, V - 3V delta). 'Tight' holds "
    "only in the weaker sense.",
    claims=("S07.tight@RT-a",), holds=("S07.tight@RT-b", "S07", "S13"))

paper.finding(
    "bic-tightness-order", severity="ambiguity",
    title="The BIC tightness example matches the order delta, not Theorem 2's 8H delta/q",
    explain="The L163-165 example is BIC, and at TV distance eps it is exactly eps-BIC (worst "
    "interim loss eps for a type-2 bidder 1), so a violation linear in delta is unavoidable. "
    "With H = 2 Theorem 2's guarantee is (16 eps/q, q)-BIC, at least 16 eps for every q; the "
    "example does not attain it, so 'tightness' is in the order of delta only.",
    claims=("S14.E7@RTB2",), holds=("S14.E7@RTB1", "S14.E5", "S14.E6", "S14.exact"))

paper.finding(
    "prop2-revenue-range", severity="ambiguity",
    title="Proposition 2's (7/6) H delta takes the revenue range V = H, not the model's 2H",
    explain="The proof (L565) applies Theorem 1 with alpha = 1/6, losing (1 + 1/6) V delta. "
    "This is (7/6) H delta only if single-buyer revenue lies in an interval of length H; with "
    "the model's payments in [-H, H] (L63) the range is 2H and the same argument gives "
    "(7/3) H delta.",
    claims=("S34.A@RV-2H",), holds=("S34.A@RV-H",))

paper.finding(
    "delta-limit-sign", severity="typo",
    title="Proposition 3, second proof (L595): 'lim Delta(eps) = lim ln c(eps) = -infinity'",
    explain="Delta(eps) = |psi_e*(t*)| = |ln c(eps)| is nonnegative; what tends to -infinity is "
    "ln c(eps), and Delta(eps) tends to +infinity (c(eps) <= 2 eps/delta). The argument is "
    "unaffected.",
    claims=("S37.7@RΔlim2",), holds=("S37.7@RΔlim1", "S37"))

paper.finding(
    "bottom-valuation", severity="ambiguity",
    title="The bottom type's valuation is never fixed; Lemma 6 needs it to be the null type",
    explain="Def 3 and Lemma 6 rely on t_i(M(⊥, t_-i)) >= 0 for every type t_i (L327), which "
    "holds when ⊥ values everything at 0 (then IR at ⊥ forces a price <= 0). The text gives "
    "⊥ no valuation (L61-65); read as an ordinary type, it can value the item at H, and then "
    "M(⊥) = the item at price H = 2 is DSIC and IR on T^+ = {⊥}, while an outside type valuing "
    "the item at 1 gets 1 - 2 = -1 from every report in T^+, so the extension is not IR.",
    claims=("S16@Rbot1", "S16.1@Rbot1"), holds=("S16@Rbot2", "S16.1@Rbot2"))

paper.finding(
    "prop4-pinsker-constant", severity="proof gap",
    title="Proposition 4: the proof gives sqrt(m Delta/4) = sqrt(m Delta)/2, the statement "
    "claims sqrt(m Delta)/4",
    explain="The proof (L633) bounds min KL <= m Delta/2 and applies Pinsker, d_TV <= "
    "sqrt(KL/2) <= sqrt(m Delta/4), then says 'combining these inequalities we have the desired "
    "bound'. But sqrt(m Delta/4) is twice the stated first term sqrt(m Delta)/4 (at m Delta = 1: "
    "1/2 against 1/4). The printed bound is not established by the printed proof; it still "
    "holds on the fourteen binary two-item MRFs checked (S38), with the best grid product at "
    "about 0.94 of the stated bound (w = 5/2, h = 1).",
    claims=("S39.7",), holds=("S38@min", "S38@pinsker", "S38@bh", "S39.4", "S39.5", "S39.6"))

paper.finding(
    "lemma9-class", severity="typo",
    title="Lemma 9 proof (L533): the moving-mass output is in Pi(D'_1..D'_i, D_{i+1}..D_n), not "
    "Pi(D'_1..D'_n)",
    explain="The procedure of L526-531 moves mass only along coordinate i, so the later "
    "marginals stay D_{i+1}, ..., D_n; L533 prints the class with every marginal primed, which "
    "fails as soon as some D'_j differs from D_j for j > i (n = 2, i = 1, D a point mass). "
    "The intended class is the one of L520 (itself printed 'D'_i, ..., D_n'); with it the "
    "procedure is correct for every choice order, and Lemma 9 holds (S26).",
    claims=("S26.3@literal",), holds=("S26.3@intended", "S26"))

paper.unencoded("S02", "a conjecture (L53) that sample-complexity results follow from the "
                "framework with TV estimators [HJW15, DG85]: no statement to check; mechanising "
                "it needs a formal sample-complexity model and the cited estimators' bounds")
paper.unencoded("S20", "Lemma 8 is the cited epsilon-BIC to BIC reduction [DW12, RW18, COVZ21] "
                "with an unspecified O(n sqrt(H eps)) loss; checking it needs the reduction's "
                "replica-surrogate construction and an explicit constant")
paper.unencoded("S28", "external facts of [BGLT19] (4.78 and 2 approximations for max-min "
                "revenue); checking them needs those papers' mechanisms and proofs")
paper.unencoded("S31", "external facts [BILW20, HN13, CO21] (max{SRev, BRev} >= Rev/6, the "
                "Hart-Nisan gap construction, the 1/(12 e^(4 Delta)) bound): theorems of other "
                "papers over continuous or unbounded type spaces")
