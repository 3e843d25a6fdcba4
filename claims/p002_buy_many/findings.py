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
