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
    claims=("S15.L@model", "S15.3", "S15.L.realised", "S11.1", "S11.2", "S11.3", "S19.11.range",
            "S19.12@model"),
    holds=("S15.U", "S15.1", "S15.2", "S15.L@nonneg", "S19.12@nonneg",
           "S10@RQ1", "S10@RQ2", "S12.i@RQ1",
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
    claims=("S36@RL2", "S36.5@RL2"), holds=("S36@RL1", "S36.1", "S36.2", "S36.3", "S36.4",
                                          "S36.5@RL1"))

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
    claims=("S16@Rbot1", "S16.1@Rbot1", "S19.1@Rbot1"),
    holds=("S16@Rbot2", "S16.1@Rbot2", "S19.1@Rbot2"))

paper.finding(
    "prop4-pinsker-constant", severity="proof gap",
    title="Proposition 4: the proof gives sqrt(m Delta/4) = sqrt(m Delta)/2, the statement "
    "claims sqrt(m Delta)/4",
    explain="The proof (L633) bounds min KL <= m Delta/2 and applies Pinsker, d_TV <= "
    "sqrt(KL/2) <= sqrt(m Delta/4), then says 'combining these inequalities we have the desired "
    "bound'. But sqrt(m Delta/4) is twice the stated first term sqrt(m Delta)/4 (at m Delta = 1: "
    "1/2 against 1/4). The printed bound is not established by the printed proof; it still "
    "holds on every two-item binary law checked (S38: full support, masses in (1/d)Z, d <= 12, "
    "at the least Delta of any representation; an explicit product reaches at most about 0.92 "
    "of the stated bound, at D = (1/12, 5/12, 5/12, 1/12)) and on the three-item grid of "
    "S38.m3 (at most about 0.5 of the bound).",
    claims=("S39.7",), holds=("S38@min", "S38@pinsker", "S38@bh", "S38.m3@min", "S39.4",
                              "S39.5", "S39.6"))

paper.finding(
    "prop4-kl-weight", severity="typo",
    title="Proposition 4 proof (L624-627): the D_KL(D^p || D) chain is weighted by D(t) instead "
    "of D^p(t)",
    explain="The second KL display starts from sum_t D^p(t) log D^p(t)/D(t) (L623) but every "
    "later line sums against D(t). As printed, line 2 is sum_t D(t) log D^p(t)/D(t) = "
    "-D_KL(D || D^p), not D_KL(D^p || D): two binary items, uniform node weights (Z2 = 4), edge "
    "weights (1/2, 1/2, 1/2, 1) give D = (1/5, 1/5, 1/5, 2/5), where line 1 = ln 5 - (9/4) ln 2 "
    "> 0 and line 2 = ln 5 - (12/5) ln 2 < 0. With D^p(t) weights (the only reading under which "
    "line 2 follows from line 1) every line holds and so does the conclusion D_KL(D^p || D) <= "
    "(m/2) Delta - log(Z2/Z1); the later lines also hold as printed.",
    claims=("S39.2.l2@D",), holds=("S39.2.l2@Dp", "S39.2.l3@Dp", "S39.2.l4@Dp", "S39.2.l5",
                                   "S39.2.l6", "S39.2", "S39.4"))

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

paper.finding(
    "appendix-b-subsidies", severity="false statement",
    title="Lemma 7 fails when the mechanism pays subsidies, and with it Lemma 5's proof: Def "
    "4's payment ratio E[p]/E[v] is negative and unbounded",
    explain="Payments lie in [-H, H] (L63), but Appendix B treats them as nonnegative. Def 4 "
    "charges a type t_i outside T_i^+ the payment v_i(x-hat) E[p_i(tau(t_i), .)] / "
    "E[v_i(x(tau(t_i), .))]; the proof (L428-430) needs this ratio in [0, 1], and it is only "
    "<= 1. Two agents, H = 1: agent 1 (types ⊥, a, b) gets the item free when agent 2 reports ⊥2 "
    "(prob. pi = 1/400 under D) and a subsidy H otherwise; tau(b) = a, the ratio is "
    "-(1 - pi)/pi = -399 and M-hat pays b 399 H at (b, ⊥2), outside [-H, H]. Under a product "
    "D-hat at TV distance delta = 1/20 that moves mass onto ⊥2, a type-a agent gains H delta/pi "
    "= 20 H by reporting b, while L397 bounds the loss by 10 H delta + 4 beta n H = 0.9 H; "
    "since the loss is H delta/pi, no constant in O(eps + (beta n + delta) H) works, and the "
    "revenue bound fails too (-779/400 < -639/400). Lemma 5 is existential in M-hat, so it is not refuted: what fails is the M-hat its proof builds (variants S17, S17.rev, bounded with the proof's constant). The same rescaling breaks Lemma 5's M-hat "
    "at D-hat = D once tau moves another agent's bad type (loss 8.9 H against 4 beta n H = 0.8 "
    "H). Subsidies also make ⊥ a bad type (it gains a subsidised report's payment), against "
    "'⊥ in T_i^G' (L483), and widen deviation utilities to [-H, 2H], so the Lemma 2 step "
    "of L444 (printed 2 delta H) fails, and a type's own utility to [0, 2H], so the Lemma 2 "
    "step of L454 (printed beta n H) fails at n = 3; both steps hold over every mechanism with "
    "p >= 0 (S19.6.1@nonneg, S19.7@nonneg). With nonnegative payments the ratio lies in [0, 1] and M-hat's payments "
    "stay in [0, H]; Lemma 7 with L397's constant then held on 48 random instances (S18.nonneg, "
    "sampled, not decided). Def 4's other readings change nothing: valuing with tau_i(t_i) "
    "(RV2), admitting only positive denominators (RZ2) or every maximiser (RT2) keep the "
    "subsidy ratio (S18@RV2/RZ2/RT2, S17@RV2/RZ2/RT2). Proposition 5's range "
    "error (finding prop5-lower-bound) is a separate consequence of subsidies.",
    claims=("S18", "S18@RV2", "S18@RZ2", "S18@RT2",
            "S18.rev", "S19.3", "S19.8", "S19.5.range", "S19.6.1@model", "S19.7@Rbeta1",
            "S19.7@Rbeta2", "S17.1", "S19.9.plus.combined"),
    holds=("S19.1.ir", "S19.1@Rbot2", "S19.6.1@nonneg", "S19.7@nonneg", "S18.nonneg"))

paper.finding(
    "lemma7-beta-measure", severity="proof gap",
    title="Lemma 7's proof bounds d_TV(D, tau(D)) by beta n, but beta is measured under D-hat",
    explain="Inequalities (2) and (3) use H d_TV(D_-i, tau(D_-i)) <= H d_TV(D, tau(D)) <= H beta "
    "n (L415-416, L435-436), with beta = 1 - Pr_{D-hat_i}[T_i^+] (L391). When D puts mass on "
    "T_i^- and D-hat does not, beta = 0 while tau moves that mass: D = point mass at (b, b), "
    "D-hat = point mass at (a, a), T^+ = {⊥, a}: d_TV(D, tau(D)) = 1 > 0 = beta n. Measured "
    "under D the bound holds (tensorization, checked); the repair is beta n + delta (D and "
    "D-hat differ by at most delta on T_i^-).",
    claims=("S19.2.D@Rbeta1", "S19.4@Rbeta1"),
    holds=("S19.2.D@Rbeta3", "S19.4@Rbeta3", "S19.2@Rbeta1", "S19.2@Rbeta2", "S19.2.tri"))

paper.finding(
    "lemma7-3h-delta", severity="typo",
    title="Lemma 7's proof (L471): '4H d_TV(D, D-hat) <= 3H delta'",
    explain="The chain ends 4H d_TV(D_-i, D-hat_-i) <= 4H d_TV(D, D-hat) <= 3H delta, false "
    "whenever d_TV(D, D-hat) = delta > 0; the next display (L475) uses 4H delta, so 3H is a "
    "typo for 4H.",
    claims=("S19.11.const",))

paper.finding(
    "lemma7-revenue-coupling", severity="proof gap",
    title="Lemma 7's revenue argument: M-hat does not make 'exactly the same revenue' where the "
    "coupled profiles agree",
    explain="The proof (L479) couples t ~ D with t-hat ~ tau(D-hat) and says the mechanisms earn "
    "the same revenue whenever t = t-hat. But M-hat is run on the D-hat sample t', not on "
    "tau(t'), and for t'_i outside T_i^+ it charges the rescaled payment of Def 4, which equals "
    "p_i(tau(t')) only on average over D_-i. With nonnegative payments: M sells to a and b at "
    "price 1/2 when agent 2 reports ⊥2 and at price 1 otherwise; M-hat charges b 399/400 at "
    "(b, ⊥2), where M(a, ⊥2) charges 1/2. The argument needs the per-type averages instead.",
    claims=("S19.13",))

paper.finding(
    "lemma5-bad-set-reading", severity="ambiguity",
    title="Lemma 5's proof needs (eps, q)-BIC read per type (RQ1), not per report (RQ2)",
    explain="L69 binds t_i twice; read per report w (RQ2: for each w, Pr_{t_i}[E u_i(t_i <- w) < "
    "-eps] <= q), the bad types of different reports add up, and Pr[T_i^B] <= q (L483) fails: "
    "one agent with types ⊥, a, b (prior 1/2, 1/4, 1/4) where a and b each want the other's "
    "outcome is (0, 1/4)-BIC under RQ2 with Pr[T^B] = 1/2. Under RQ1 the step is the definition.",
    claims=("S17.1.mass@RQ2",))

paper.finding(
    "def4-first-payment-case", severity="typo",
    title="Def 4 (L385): the first payment case must read p_i(t_i, tau_-i(t_-i))",
    explain="Def 4 allocates x(tau(t)) but, for t_i in T_i^+, charges p_i(t_i, t_-i) at the "
    "untransformed profile. Read literally (M defined on all of T, as Lemma 7 needs), M-hat is "
    "not ex-post IR 'by construction' (L393): M selling o1 to a at price H at (a, z), with "
    "tau_2(z) = y where a gets nothing, makes M-hat charge a the price H for nothing. With "
    "p_i(t_i, tau_-i(t_-i)) the claim is immediate.",
    claims=("S19.1.plus@RP2",))

paper.finding(
    "cor2-search-slice", severity="analogue only",
    title="Corollary 2's hypothesis Rev/BRev >= 2m is met by no law of the searched slice",
    explain="On one additive buyer with m = 2 items, values in {0, 1, 2}, supports of up to 3 "
    "points and masses in (1/4)Z, the largest Rev/BRev is 7/4 < 4 = 2m, so the instance search "
    "is vacuous: gaps of 2m need the large supports of Hart-Nisan-type constructions. This says "
    "nothing about the paper; the corollary's derivation is the finding cor2-constant.",
    claims=("S33.search",))

paper.unencoded("S33.b", "Corollary 2 (b) assumes Rev/SRev in Omega(log m) with no explicit "
                "constant (class D); checking it needs that constant and instances with m large "
                "enough for log m to matter")
paper.unencoded("S22.3", "Theorem 3's step L491-495 is an application of Lemma 8 (class E: the "
                "cited epsilon-BIC to BIC reduction with an O(n sqrt(H eps)) loss and no explicit "
                "constant); its reading question (R1: the reduction's input is M-hat, R2: M*_D as "
                "L491 names it) can only be decided with that reduction mechanised")
paper.finding(
    "lemma4-null-types", severity="ambiguity",
    title="Lemma 4's proof uses BIC w.r.t. D at types that D gives no mass",
    explain="The last step of the proof (L370, 'uses the fact that M is BIC') needs "
    "E_{D_-i|t_i}[u_i(t_i <- w_i, .)] >= 0 at every type of Lemma 3's good set, a set of "
    "D-hat_i-mass >= 1 - q. A type with D_i(t_i) = 0 < D-hat_i(t_i) has no conditional "
    "D_-i|t_i, and BIC w.r.t. D (division-free, RC1) puts no constraint on it: with H = 1, "
    "D = (b, y1) w.p. 1 and D-hat = (a, y1), (b, y1) w.p. 1/2 each, M giving type b outcome o1 "
    "(valued H by type a, 0 by type b) and type a nothing, all at price 0, is ex-post IR and BIC "
    "w.r.t. D, type a is good for every q (with D_-1|a := D-hat_-1|a its conditional TV is 0), "
    "yet E[u(a <- b)] = -H. "
    "The step holds when BIC is imposed at such types with the same conditional that Lemma 3 "
    "uses, or with the same-support hypothesis of the prose (L141, L147); Lemma 4 itself "
    "survives on the instance checked (S10).",
    claims=("S11.5.l3",), holds=("S10@RQ1", "S10@RQ2", "S11.4@RC-a", "S11.5.l2"))

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
