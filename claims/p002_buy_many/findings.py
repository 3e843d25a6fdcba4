"""What the checks found in the buy-many paper: one finding per root cause.

Claim 26's statement holds for every k (S42.a, S42.b PROVED by derivation); its printed proof
has two independent sign errors in the display at l.670-673. They are two findings, not one
and not three: line 2 (l.672) is correct (S42.26.6.def PROVED), so the failure of "line 1 =
line 2" (S42.26.6) is line 1's error seen from the next line, and the failed sufficiency
argument of l.675 (S42.26.8.ii) is line 3's error carried one step further. The two errors do
not share a cause: correcting either leaves the other, they sit in different lines, and only
the second one breaks an inference.
"""

from claims.p002_buy_many import paper

paper.finding(
    "S42-line1-sign", severity="typo",
    title="Claim 26 proof, l.670: the first line of the display has -12 where +12 is meant",
    explain="The display opens with f_{k+1}(alpha_k) = -12(1 - (1 - alpha_k)^{k+1}) - "
    "7 alpha_k (k+1) - 1, but by the definition (l.654) f_{k+1}(x) = +12(1 - (1-x)^{k+1}) - "
    "7(k+1)x - 1; at k = 1, alpha_1 = 1/5 the printed line gives -203/25 while f_2(1/5) = "
    "13/25. The next line (l.672) is what the correct expression gives after substituting "
    "f_k(alpha_k) = 0, so nothing downstream depends on the misprint: only the equalities "
    "'f_{k+1}(alpha_k) = line 1' and 'line 1 = line 2' fail as printed.",
    claims=("S42.26.5@alpha", "S42.26.5@x", "S42.26.6@alpha", "S42.26.6@x"),
    holds=("S42.26.6.def@alpha", "S42.26.6.def@x", "S42.26.6.def.all-k"))

paper.finding(
    "S42-line3-sign", severity="proof gap",
    title="Claim 26 proof, l.673-675: the reduced form has the wrong sign, so the printed "
    "sufficiency argument fails",
    explain="Line 3 of the display (l.673) reduces -12(1-alpha_k)^{k+1} + 12(1-alpha_k)^k - "
    "7 alpha_k to -12(1-alpha_k)^k alpha_k - 7 alpha_k; the correct reduction is "
    "+12(1-alpha_k)^k alpha_k - 7 alpha_k = alpha_k(12(1-alpha_k)^k - 7) (at k = 1: 13/25, "
    "printed -83/25). The printed form is negative for every alpha_k in (0, 1), so the step at "
    "l.675, 'it suffices to show alpha_k < 1 - (7/12)^{1/k}', does not follow from what is "
    "printed (at k = 1, 1/5 < 5/12 holds and the printed form is -83/25). With the sign "
    "corrected the argument goes through: alpha_k < beta_k iff (1-alpha_k)^k > 7/12 iff "
    "f_{k+1}(alpha_k) > 0, and Claim 26 (b) holds for every k.",
    claims=("S42.26.7@alpha", "S42.26.7@x", "S42.26.7.def@alpha", "S42.26.7.def@x",
            "S42.26.8.ii"),
    holds=("S42.26.8.i", "S42.26.8.i.sym", "S42.26.13", "S42.L-step", "S42.b"))

paper.unencoded("S6", "Question 1 (l.72) is an open question on f(n, k), not a statement")
paper.unencoded("S9", "the implications at l.98 are corollaries of Theorems 1-2 and Observation "
                "1 (part (ii) reuses S3) and a citation of [19] for part (iii)")

paper.finding(
    "S43-truncation", severity="ambiguity",
    title="Proposition 1, l.652: the printed optima 8.135, 8.096, 8.074 are truncations, not "
    "roundings",
    explain="Only 8.233 (l.650) is flagged 'subject to truncation'. With the optima pinned "
    "exactly (Buy^kRev(Ex2) >= R_k = 8 + 7 alpha_k/6 from M_k, and z3 proving no buy-k IC "
    "menu earns printed + 0.001), Buy^2Rev lies in [8.13557, 8.136): truncated it is the "
    "printed 8.135, rounded it would be 8.136 (likewise R_4 = 8.07493 rounds to 8.075). Read as "
    "rounded values, as three-decimal figures usually are, the k = 2 entry is wrong in the last "
    "digit; read as truncations, all three are right.",
    claims=("S43@round",), holds=("S43@trunc",))

paper.finding(
    "L8-normalisation", severity="ambiguity",
    title="Lemma 8 needs v(empty) = 0 (or v >= 0), which the paper's 'monotone' (l.130) does "
    "not state",
    explain="Section 2 defines a monotone valuation only by S in T => x(S) <= x(T). Lemma 8 "
    "(MenuGap^n <= n 2^n) fails for such a v with v(empty) < 0: n = 1, v(empty) = -2, v({1}) = "
    "1, Q = (0, 1) gives gap_1 = v(1) - v(0) = 3 > 2 = n 2^n. The proof's step at l.416-420 "
    "('v_i(A) <= v_i([n]) by monotonicity', used as |v_i(A)/v_i([n])| <= 1) is where the "
    "negative value enters. With valuations normalised (v(empty) = 0, hence v >= 0), as "
    "valuations usually are, Lemma 8 and the step hold on every instance checked.",
    claims=("S27@R2", "S27.iv@R2"), holds=("S27@R1", "S27.iv@R1"))

paper.finding(
    "L8-hybrid-ends", severity="typo",
    title="Lemma 8 proof, l.424: the hybrid sequence's end points are swapped",
    explain="The text sets m_i = m^(0), ..., m^(n) = m_{i-1} with 'm^(j) matches m_i on the "
    "first j coordinates and m_{i-1} on the last n - j'; that description gives m^(0) = m_{i-1} "
    "and m^(n) = m_i (e.g. m_i = (1, 1), m_{i-1} = (0, 0)). The triangle inequality that "
    "follows needs only that consecutive hybrids differ in one coordinate, so the argument is "
    "unaffected.",
    claims=("S27.vi@printed",), holds=("S27.vi@swapped", "S27.vii"))

paper.finding(
    "C20-index-range", severity="typo",
    title="Claim 20 proof, l.501: the first minimum ranges over j_1..j_k <= i; Def. 1 has < i",
    explain="With j = i allowed, Lot contains q_i itself and the minimum is 0, so the first "
    "inequality of the display ('>= min over j != i', which is >= 1/|A_i| > 0 by cover-"
    "freeness) fails already for n = 1, k = 1, F = {{1}}. With j < i, as in Definition 1, the "
    "line is right (a minimum over a subset of the indices j != i).",
    claims=("S33.i@le",), holds=("S33.i@lt", "S33"))

paper.finding(
    "L21-tail-sum", severity="typo",
    title="Lemma 21 proof, l.540: sum_{j>=i} f(x_hat_j) is not 2n/(C_i(2n-1))",
    explain="With f(x_hat_j) = 1/C_j and C_j = (n+1)^{2j}, the tail is a geometric series: "
    "sum_{j>=i} 1/C_j = (n+1)^2/(n(n+2) C_i) (at n = 1: 4/(3 C_i), printed 2/C_i), and a "
    "finite instance's tail is smaller still. The next step only needs the tail to be at most "
    "2/C_i, which the true value satisfies for every n >= 1, so BRev(D) <= 2n stands.",
    claims=("S34.e.tail@infinite", "S34.e.tail@finite"), holds=("S34.e.bound", "S34.e"))

paper.finding(
    "C24-strict", severity="typo",
    title="Claim 24 proof, l.645: the second derivative is '< 0' in the display but only "
    "non-positive",
    explain="The proof announces 'non-positive' and then displays sum_t -x_jt (ln(1 - q_it))^2 "
    "prod (1 - q_.t)^m < 0 'since q_i in [0,1] and x_i >= 0'; the reasons give only <= 0, and "
    "the value is 0 whenever q_i = 0 or x_j = 0 (witness x = 0, q = 0: 0 < 0). Concavity, "
    "which is all Claim 24 states, holds (S39 in the discrete form).",
    claims=("S39.sign@strict",), holds=("S39.sign@nonstrict", "S39"))

paper.finding(
    "C25-superset", severity="proof gap",
    title="Claim 25 proof, l.658: 'non-positive utility from Λ implies non-positive utility "
    "from every Λ' containing Λ' does not follow from concavity and is false in general",
    explain="Concavity in each multiplicity (Claim 24) says nothing about adding a different, "
    "cheap entry: with one item worth 2 and entries e1 = (1/2, price 0), e2 = (1/2, price 1), "
    "u({e2}) = 0 but u({e1, e2}) = 2 * 3/4 - 1 = 1/2 > 0. For the menus M_k and the buyers of "
    "Example 2 the principle does hold on every multiset checked (k <= 3), and Claim 25 itself "
    "is checked directly over all multisets (S41), so the statement survives; the printed "
    "argument needs a case analysis instead of the principle.",
    claims=("S41.a@general",), holds=("S41.a@mk", "S41"))

paper.finding(
    "L6-bins", severity="proof gap",
    title="Lemma 6 proof, l.264-308: bins defined by the entries chosen in M do not account for "
    "the revenue of the sub-menu M'', so Eq. (5) and the construction fail",
    explain="M'' (Lemma 11) is a sub-menu of M and is not buy-k IC: buyers may switch to "
    "entries of M'' they did not choose in M. With x in B_j iff (p(x), q(x)), x's entry in M, "
    "lies in B_j (l.264 as printed), Eq. (5)'s 'Buy^kRev(D, M'') = sum_j sum_{x in B_j} p(x) "
    "f(x)' fails: prior uniform on (1,0), (2,1), menu {(1,0) at 1, (1,1) at 3}, c = 1, the odd "
    "band M'' = {(1,1) at 3} earns 3/2 from (2,1), who chose (1,0) in M, while the bins are "
    "empty. Run as printed (c = Rev/100, the better parity), the construction then yields "
    "MenuGap^k(X, Q) = 0 < Buy^kRev(D, M)/(9k BRev) on the same kind of instance. Reading "
    "membership as x's best response in M'' makes Eqs. (5)-(8) and the construction hold on "
    "every instance checked, but then Claim 13's first step ('because M was buy-k IC') is "
    "applied to an entry x_j need not have chosen in M, which the printed proof does not "
    "justify. Lemma 6 itself holds on every instance checked (S14, existential form).",
    claims=("S20@R1", "S21@R1", "S14.construction@R1"),
    holds=("S14", "S20@R2", "S21@R2", "S14.construction@R2", "S19@R2"))

paper.finding(
    "C10-prices-below-c", severity="ambiguity",
    title="Claim 10, l.237: 'Let M be a mechanism' needs all prices >= c",
    explain="The bands [c(2k)^i, c(2k)^(i+1)) start at c, so entries priced below c are in "
    "neither M_1 nor M_2 and 'M_1 u M_2 = M' (l.246) fails: the uniform prior on (0,1), (1,0) "
    "with the buy-one IC menu {(1,0) at 1} and c = 2 gives Buy^kRev(D, M) = 1/2 while both "
    "band menus earn 0. In Lemma 11 "
    "Claim 10 is applied to M' = M_c, whose prices are all >= c, and there (and for any menu "
    "with prices >= c, buy-k IC or not) the claim holds on every instance checked.",
    claims=("S16@R1", "S16.i@R1"), holds=("S16@R3", "S16@R1c", "S16.i@R3", "S16.i@R1c"))

paper.finding(
    "gap-normalisation", severity="ambiguity",
    title="Section 4 uses gap_i^k normalised by |x_i|_1 where Definition 2 does not normalise",
    explain="Claim 20's display (l.501) divides by |e_{A_i}| inside gap_i^k, and Lemma 21's "
    "revenue identity 'sum_i f(x_hat_i) p_i = sum_i gap_i^k = MenuGap^k' (l.538) holds only "
    "for that normalised gap; with Definition 2's gap (Eq. (3)) the prices p_i = gap_i^k C_i "
    "give revenue sum_i gap_i^k, which exceeds MenuGap^k = sum_i gap_i^k/|x_i|_1 whenever some "
    "|A_i| > 1 (the six 2-subsets of [4], k = 1: revenue 7, MenuGap 7/2). The lemma's "
    "conclusion survives either way (revenue >= MenuGap^k), so the notation, not the result, "
    "is at fault.",
    claims=("S34.d@def2",), holds=("S34.d@normalised", "S34"))
