"""The findings of p001: one root cause each, with the claims that evidence it (see
docs/findings/information-intermediary.md for the details and the witnesses)."""

from claims.p001_information_intermediary import paper

# ----------------------------------------------------------------------------- false statements

paper.finding(
    "lemma5-denominator", severity="false statement",
    title="Lemma 5: sum_t w_t = 1 + H_{n-1} exceeds 1 + ln n, so CS(S_0^2) >= CS_0/(1 + ln n) fails",
    explain="With the weights of Algorithm 4, sum_t w_t = 1 + H_{n-1} > 1 + ln n for every n >= 2 "
    "(l.437), and the stated bound of Lemma 5 (l.441) is false: for n = 2, D = {1: 1/3, 2: 2/3}^2, "
    "CS(S_0^2) = 1/18 < (1/9)/(1 + ln 2); for n = 3, D = {1: 1/3, 2: 2/3}^3, CS(S_0^2) = 2/135 < "
    "(1/27)/(1 + ln 3). The argument gives CS(S_0^2) >= CS_0/(1 + H_{n-1}) >= CS_0/(2 + ln(n-1)), "
    "attained with equality on both instances, so Corollary 1 survives with that constant.",
    claims=("L-5.vi.le", "L-5.vii@printed-fav", "L-5.vii.n3@printed-fav"),
    holds=("L-5.vi.eq", "L-5.vi.gt", "L-5.vii@fixed-fav", "L-5.vii.n3@fixed-fav", "C-1@fav"))

# ----------------------------------------------------------------------------------- proof gaps

paper.finding(
    "th5-moves-overshoot", severity="proof gap",
    title="Theorem 5 proof: the printed moves 2 and 4 (l.217) can leave the positive-CS cases",
    explain="Moving to phi_2(d) = phi_1(b) (move 2) or phi_1(b) = phi_2(d) (move 4) can push the "
    "lowered virtual value below 0: at (a,b,c,d) = (9,4,3,1), s = (1/2, 1/4) move 2 lands in case 3 "
    "with CS 0 < 1/4; at (4, 3/2, 5/4, 1/8), s = (1/4, 1/2) move 4 gives 0 < 5/16. Stopping at "
    "max(0, .) and then raising the negative virtual value to 0 repairs the argument: the "
    "corrected moves are proved for every instance on Proposition 1's formulas (consumer-"
    "favourable ties), so the w.l.o.g. form of Theorem 5 holds wherever CS(s) is the largest "
    "applicable formula, which the exact LP confirms on the sampled instances.",
    claims=("TH-5.b.move2@fav", "TH-5.b.move4@fav"),
    holds=("TH-5.b.move2-fixed@fav", "TH-5.b.move4-fixed@fav", "TH-5.b.move2b", "TH-5.b.move4b",
           "TH-5.wlog"))

paper.finding(
    "th2-q9-line3", severity="proof gap",
    title="Theorem 2 proof, l.281: the third line merges two different (1+o(1)) factors",
    explain="The type-(1') factor is K1 = 2/((2-delta)(1-delta)) and the type-(2') factor "
    "K2 = 1/(1-delta)^2; line 3 is an identity only if K1 = K2 (delta = 1/2, w_1 = 0, X = 0, "
    "Y = 1/4, Z = 0: line 2 = 1/3, line 3 = 1/6). With delta^2 K1 + delta(K2 X - K1 Y) the chain "
    "closes: CS <= delta^2 (1+delta)/(1-delta)^2, and the ratio still tends to 1/2.",
    claims=("TH2-P.Q9.s3",),
    holds=("TH2-P.Q9.s3fix", "TH2-P.Q9.s4fix", "TH2-P.Q9.s5fix", "TH2-P.Q9.end", "TH2-P.Q10",
           "TH-2.chain"))

paper.finding(
    "lemma2-ironed", severity="proof gap",
    title="Footnote 1 does not carry Lemma 2 (ii) over to ironed virtual values",
    explain="Footnote 1 (l.123) extends the proofs to non-regular D by ironing, but the identity "
    "phi'(v - v°) = phi(v) - v° fails for ironed virtual values when the ironing interval of D "
    "straddles v°: D = {1: 1/5, 2: 1/5, 4: 3/5}, v° = 1, v = 2 gives -5 against -9/2. The "
    "non-regular versions of Lemma 3 and Eq. (4) still hold on the instances checked (consumer-"
    "favourable ties), so the extension needs another argument, not another statement.",
    claims=("L-2.ii@ironed",),
    holds=("L-2.ii@phi", "L-3.nonregular@fav", "D-4.nonregular@fav", "L-4@ironed"))

paper.finding(
    "lemma3-prq", severity="proof gap",
    title="Lemma 3 proof, l.335: Pr[Q] is only a lower bound",
    explain="Pr[Q(v_-b, b, t)] = (1/t)(prod f) S(v_b^t) fails with either reading of S: with ties "
    "at v_b^t the set T has fewer than t buyers and b is selected with probability 1/|T| > 1/t "
    "(D = {1: 1/3, 2: 2/3}^3, t = 2: 2/27 against 1/27; with S(x) = Pr[V >= x] already for n = 2). "
    "The inequality Pr[Q] >= (1/t)(prod f) Pr[V_b > v_b^t] holds and is all the proof needs.",
    claims=("L3-P.iii@R1", "L3-P.iii@R2"),
    holds=("L3-P.iii.ge", "L-3@fav"))

paper.finding(
    "lemma6-bullet1-range", severity="proof gap",
    title="Lemma 6 proof, first bullet: j = 5 is not in {1..n} for n <= 4",
    explain="Lemma 6 is stated for every n, but bullet 1 (E[N] < 5) takes j = 5, which does not "
    "exist for n <= 4 (n = 1 is the smallest witness). The lemma itself holds there (j = n works, "
    "checked exactly), and Section 5.1.2 assumes n > 5 (l.449), where j = 5 is fine.",
    claims=("L-6.b1.j@all-n",),
    holds=("L-6.b1.j@n-gt-5", "L-6@all-n", "L-6.sym"))

paper.finding(
    "lemma6-bullet1-link", severity="proof gap",
    title="Lemma 6 proof, l.469: (1/5)E[N] - Pr[N >= 6] >= (1/5)sum q alpha_q - alpha_6 points the wrong way",
    explain="Pr[N >= 6] >= alpha_6, so the link fails whenever Pr[N >= 7] > 0 (n = 7, "
    "p = (1/2, 1/2, 3/4, 3/4, 3/4, 3/4, 3/4): 6893/10240 < 15001/20480). With the true tail "
    "sum_{q >= 6} alpha_q the bullet's conclusion holds.",
    claims=("L-6.b1.link1",),
    holds=("L-6.b1.end",))

paper.finding(
    "lemma7-jensen", severity="proof gap",
    title="Lemma 7 proof, l.490: min(1, E[G]/t) replaces E[min(1, G/t)] (Jensen the wrong way)",
    explain="The pointwise bound gives E[min(1, G/t)], which is at most min(1, E[G]/t); the second "
    "line fails (i.i.d. D = {1: 1/5, 3: 1/5, 5: 3/5}^2, t = 1, which satisfies Lemma 6's "
    "inequality: 4/25 < 6/25). The repaired line holds, and so does Lemma 7's conclusion on "
    "every instance checked, including this one; the combination with Lemma 6 must be redone.",
    claims=("L-7.b@R1", "L-7.b@R2"),
    holds=("L-7.b.fixed", "L-7.b.fixed.mixed", "L-7@fav", "L-7.iid@fav"))

paper.finding(
    "th7-fibre", severity="proof gap",
    title="Theorem 7 proof, l.549: Pr[D = v] = Pr(T,a) Pr[D_{T,a} = v'] holds only summed over the fibre",
    explain="The buyers outside T and i* are summed out on the right only: D = {2: 1} x {1: 1/2, "
    "2: 1/2} x {3: 1}, v = (2, 1, 3) gives 1/2 against 1. Summed over the profiles v that map to "
    "the same (T, a, v') the identity holds, and so does the key inequality (b).",
    claims=("TH-7.d@printed", "TH-7.d@printed-T"),
    holds=("TH-7.d@summed", "TH-7.b@alloc"))

# ----------------------------------------------------------------------------------------- typos

paper.finding(
    "abstract-K", severity="typo",
    title="Abstract: O(min(n log n, K)) where the paper proves O(min(n log n, K^2))",
    explain="Theorem 3 (2) (l.60) and Corollary 4 (l.575) prove O(min(n log n, K^2)); the abstract "
    "(l.11) states O(min(n log n, K)). At n = 3, K = 2 the two bounds differ, and along K = n "
    "they differ by the unbounded factor ln n.",
    claims=("AB-1.general",), holds=("AB-1.gap",))

paper.finding(
    "alg1-payment", severity="typo",
    title="Algorithm 1 step 4 charges more than the value; the threshold payment is meant",
    explain="Step 2 allocates at q_j >= 0 but step 4 charges the smallest z with phi(z) > w: one "
    "buyer uniform on {1, 2} wins at value 1 and pays 2 (not IR). With '>=' the auction is IR but "
    "loses revenue under ties (two i.i.d. buyers uniform on {1, 2}: 5/4 < R* = 3/2). The threshold "
    "payment (the smallest winning report under the same tie rule) is ex-post IC/IR and optimal.",
    claims=("P-5.expost@A1-R1", "P-5.opt@A1-R1", "P-5.opt@A1-R2"),
    holds=("P-5.expost@A1-R3", "P-5.opt@A1-R3"))

paper.finding(
    "eq5-unallocated", severity="typo",
    title="Eqs. (5)-(6) sum over every profile, including those where the item is not allocated",
    explain="Summed over all v, Eq. (5) counts the unallocated profiles, which CS_0 also counts, so "
    "Eq. (4) fails (D = {1: 1/3, 2: 2/3} x {2: 1/4, 4: 3/4}: OPT = 1/6 against 1/4), and CS_1 is "
    "not the loss when buyer 1 wins. Restricted to the profiles where the item is allocated (the "
    "prose, l.506-511), both decompositions hold.",
    claims=("D-4.i@all", "D-4.ii@R2-all", "E-5.prose@all", "E-6.prose@R2-all"),
    holds=("D-4.i@alloc", "D-4.ii@R2-alloc", "E-5.prose@alloc", "E-6.prose@R2-alloc"))

paper.finding(
    "eq6-index", severity="typo",
    title="Eq. (6) indexes profiles by x_k = max_j phi_j(v_j) instead of the winner's value",
    explain="As printed, Eq. (6) groups the profiles by the largest virtual value, which is not a "
    "value: D = {1: 1} x {1, 2, 3 uniform} gives OPT = 1/3 against 2/3, and the loss attributed "
    "to x_1 is 1/3 where the item never goes to a value-1 buyer at a loss. Indexed by the winner's "
    "value, as the prose at l.511 says, Eq. (4) and Theorem 8's key step hold.",
    claims=("D-4.ii@R1-alloc", "D-4.ii@R1-all", "E-6.prose@R1-alloc", "E-6.prose@R1-all",
            "TH-8.b@R1-R1", "TH-8.b@R2-R1"),
    holds=("D-4.ii@R2-alloc", "E-6.prose@R2-alloc", "TH-8.b@R1-R2", "TH-8.b@R2-R2"))

paper.finding(
    "th7-lemma2-minus-a", severity="typo",
    title="Theorem 7 proof, l.553: 'By Lemma 2, phi'(v_j - a) = phi(v_j)' drops the -a",
    explain="Lemma 2 gives phi_{D'_j}(v_j - a) = phi_{D_j}(v_j) - a (D = {1: 1} x {2: 1/3, "
    "3: 2/3}, v = (1, 2), a = 1: -1 against 0), and the next sentence's conclusion "
    "phi_{D'_j}(v'_j) < 0 needs exactly that -a; with it the implication holds.",
    claims=("TH-7.f.eq@R1", "TH-7.f.eq@R2"),
    holds=("TH-7.f.impl@R1", "TH-7.f.impl@R2"))

# ------------------------------------------------------------------------------------ ambiguities

paper.finding(
    "tie-convention", severity="ambiguity",
    title="The paper does not state how the seller breaks ties; its results need "
    "consumer-favourable ties",
    explain="The schemes (BBM segments, RANK_t, S_0, S_1, S_2, the T1/T2 signals of Theorem 5) "
    "create posteriors on which the seller is indifferent between mechanisms with different "
    "consumer surplus (a virtual value exactly 0, equal-revenue segments). With ties broken in "
    "the buyers' favour every statement checked holds; with ties broken against them almost "
    "every positive result fails (two i.i.d. buyers uniform on {1, 2}: OPT = 1/4, but no signal "
    "and S_0 both give 0; {1: 1/3, 2: 2/3}^2: CS(RANK_2) = 0 < 1/9). The convention should be "
    "stated as an assumption (or the results stated as suprema over perturbed schemes).",
    claims=(
        "TH-5.b.move1@adv", "TH-5.b.move1@adv.B1", "TH-5.b.move2@adv", "TH-5.b.move4@adv",
        "TH-5.T1@adv", "TH-5-T2.i@adv", "TH-5-T2.iv@adv", "TH-5@QR1.DomR1.adv",
        "TH-5@QR2.DomR1.adv", "TH-5@QR2.DomR2.adv", "TH-3.iid@adv", "R-1.v@adv", "L-3@adv",
        "L-3.n3@adv", "L-3.nonregular@adv", "L3-P.i.bbm@adv", "L3-P.vii@adv", "D-4.C1@adv",
        "D-4.nonregular@adv", "C-1@adv", "C-2@adv", "TH-6@adv", "TH-6.n3@adv", "I-1@log-adv",
        "I-1@K-adv", "L-5.iii@adv", "L-5.iv@adv", "L-5.v@adv", "L-5.vii@printed-adv",
        "L-7.a@adv", "L-7@adv", "L-7.iid@adv", "TH-7.a@R1-adv", "TH-7.a@R2-adv", "C-3@adv",
        "TH-8.a@adv", "C-4@adv", "CO-1@R2-adv"),
    holds=("TH-5@QR2.DomR2.fav", "TH-3.iid@fav", "L-3@fav", "TH-6@fav", "C-3@fav", "C-4@fav",
           "CO-1@R2-fav"))

paper.finding(
    "prop1-boundaries", severity="ambiguity",
    title="Proposition 1's cases overlap on their boundaries with different CS formulas",
    explain="At (a,b,c,d) = (4,2,1,1/2), alpha' = beta' = 1/2 (phi_1(b) = phi_2(d) = 0) cases 2, 3 "
    "and 4 all apply, with CS 1/8, 0 and 1/2, and the optimal face has CS in [0, 1/2]: no single "
    "formula is 'the' CS. Each printed mechanism is revenue-optimal wherever its condition holds, "
    "so each formula is the CS of some optimal mechanism; with a tie rule CS(s) is the largest "
    "(buyer-favourable) or smallest applicable formula.",
    claims=("PR-1@R1", "PR-1@R2"),
    holds=("PR-1@R3", "PR-1.mech", "PR-1.C1@fav", "PR-1.C1@adv"))

paper.finding(
    "th5-every-optimal-scheme", severity="ambiguity",
    title="Theorem 5 'in an optimal scheme' holds only in the w.l.o.g. form for general priors",
    explain="Read as 'every optimal scheme uses only T1/T2 signals with positive CS', Theorem 5 "
    "fails for the non-normalised priors that the proof of Theorem 1 applies it to: at "
    "(a,b,c,d,alpha,beta) = (4,3,2,1,1/3,1/2) sending no signal is optimal (LP (2) value 1/3, "
    "certified), and its signal has CS 1/3 but lies in neither T1 nor T2. The w.l.o.g. form "
    "(some optimal scheme does), which is what the proofs use, holds on every sampled instance "
    "under consumer-favourable ties, and for every instance wherever CS(s) is Proposition 1's "
    "largest applicable formula (the corrected moves, proved by z3).",
    claims=("TH-5@QR1.DomR2.fav", "TH-5@QR1.DomR2.adv"),
    holds=("TH-5@QR2.DomR2.fav", "TH-5@QR1.DomR1.fav", "TH-5.wlog"))

paper.finding(
    "bbm-normalise", severity="ambiguity",
    title="The BBM procedure of l.156 read literally (gamma of the renormalised residual) is not "
    "Bayes plausible",
    explain="Computing gamma on the renormalised residual and using it as the scheme weight gives, "
    "for Example 1, weights (2/3, 1/2, 1) instead of the printed (2/3, 1/6, 1/6), and for "
    "D = {1: 1/2, 3: 1/2} weights summing to 7/4. Without renormalising, or with the weights "
    "rescaled by the residual mass, Example 1 and Lemma 1 hold.",
    claims=("EX-1.BBM@R2lit", "L-1.BP@R2lit", "L-1.2@R2lit"),
    holds=("EX-1.BBM@R1", "EX-1.BBM@R2", "L-1.BP@R1", "L-1.2@R1"))

paper.finding(
    "intro-strictly-below", severity="ambiguity",
    title="Introduction, l.21: Myerson's mechanism need not lie strictly below the welfare line",
    explain="For one buyer with V = 1 surely, or two i.i.d. buyers uniform on {1, 2}, Myerson's "
    "auction is efficient (W^M = W*). The sentence holds for some priors (e.g. two i.i.d. "
    "buyers uniform on {1, 2, 3}) and in weak form for all, which is what the figure illustrates.",
    claims=("IN-1@R1", "IN-1@R2"),
    holds=("IN-1.R3", "IN-1.weak"))

paper.finding(
    "new-reserve-strict", severity="ambiguity",
    title="l.295: the new reserve is 'greater than' the old one only weakly",
    explain="Lemma 2 gives v° + r_{D'} >= r_D, and equality occurs (D uniform on {1, 2, 3}, v° = 1: "
    "both are 2), so 'greater than' must be read as 'at least'; nothing later needs the strict "
    "form.",
    claims=("L-2.new-reserve@strict",),
    holds=("L-2.new-reserve@weak",))

paper.finding(
    "th2-q5c-large-delta", severity="ambiguity",
    title="Theorem 2 proof, l.268: beta' > (1-3x)/(1-2x) needs delta small",
    explain="At delta = 1/2, alpha' = 7/16, beta' = 1/10 (a type-(2') signal) 1 - 2x < 0 and the "
    "inequality fails; it holds for delta <= 1/3, and the proof lets delta -> 0+. The step it "
    "justifies, (1-beta')(1-2x) <= x, holds for every delta.",
    claims=("TH2-P.Q5.c@all-delta",),
    holds=("TH2-P.Q5.c@small-delta", "TH2-P.Q9.s4"))

# ----------------------------------------------------------------------- class E: not mechanised

paper.unencoded("AB-1", "the abstract restates Theorems 1-3; only the bound expressions are "
                "checkable (AB-1.general, AB-1.gap); 'computable in polynomial time' is not "
                "mechanisable")
paper.unencoded("IN-4", "segment BO and point B exist only in the missing Figure 1b; the AO part "
                "restates Theorem 1")
paper.unencoded("P-4", "footnote 1 ('our proofs can be extended') is a meta-claim; its "
                "consequences are encoded as the footnote-1 assumptions (P-3.ironed, "
                "L-2.ii@ironed, L-3.nonregular, D-4.nonregular, L-4@ironed, TH-7.b.nonregular)")
paper.unencoded("TH1-P.footnote2", "the order of limits (l.246) is a proof device; it is realised "
                "by the explicit family of TH-1.sym and by the @limit readings of P8-P9")
paper.unencoded("TH-3", "the O(.) statements are asymptotic (class D); the i.i.d. part is "
                "encoded in bounded form (TH-3.iid), the general part as C-3/C-4; polynomial "
                "running time is class E")
paper.unencoded("O-bounds", "TH-6, C-1, C-2, TH-7, TH-8, C-3, C-4 and I-1 as O(.) statements: "
                "only their bounded forms with the proofs' explicit constants are claims")
paper.unencoded("C-2.n-gt-5", "C-2 for n > 5, the proof's assumption at l.449: the exact "
                "per-signal LPs do not reach n >= 6")
paper.unencoded("CO-1@R1-adv", "whether some scheme attains CS = OPT exactly under adversarial "
                "ties is a question over the infinite space of schemes; a finite family only "
                "lower-bounds the supremum")
paper.unencoded("poly-time", "'polynomial time' (l.59, l.148)")
