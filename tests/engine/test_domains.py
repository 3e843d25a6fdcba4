from fractions import Fraction

from verify.domains import Choice, Ints, product_in_size_order


def test_ints_enumerate_in_size_order() -> None:
    assert list(Ints(1).iterate(4)) == [1, 2, 3, 4]
    assert list(Ints().iterate(2)) == [0, 1, -1, 2, -2]
    assert Ints(1).describe_cut("k", 40) == "k <= 40"


def test_product_is_in_size_order_and_complete() -> None:
    points = list(product_in_size_order({"m": Ints(1, 3), "c": Choice("x", "y")}, {}))
    assert len(points) == 6
    assert points[0] == {"m": 1, "c": "x"}
    sizes = [[1, 2, 3].index(p["m"]) + ["x", "y"].index(p["c"]) for p in points]
    assert sizes == sorted(sizes)


def test_object_domains_enumerate_smallest_first() -> None:
    from fractions import Fraction

    from verify import Grid, Ints, Priors, Subsets, Vectors

    v = Vectors(2, Ints(0, 2))
    assert v.values[:3] == ((0, 0), (0, 1), (1, 0)) and len(v.values) == 9
    assert all(a >= b for a, b in Vectors(2, range(4), sorted="desc").values)
    s = Subsets(range(1, 5), sizes=range(1, 4))
    assert s.values[0] == (1,) and max(len(x) for x in s.values) == 3 and len(s.values) == 14
    p = Priors(3, 4)
    assert all(sum(x) == 1 for x in p.values) and len(set(p.values)) == len(p.values)
    assert p.values[0] == (1, 0, 0) and (Fraction(1, 4), Fraction(1, 4), Fraction(1, 2)) in p.values
    assert all(all(x) for x in Priors(3, 4, full=True).values)
    assert Grid(1, 1000, 20, geometric=True).values[:4] == (1, 2, 4, 8)
    assert Grid(0, 1, 4).values == (0, Fraction(1, 4), Fraction(1, 2), Fraction(3, 4), 1)


def test_a_claim_over_priors_finds_the_smallest_counterexample() -> None:
    from verify import Priors, Source, Status, claim
    from verify.claim import Registry
    from verify.engine import Settings, check

    reg = Registry()
    # false at the first prior that puts mass above 1/2 on point 0
    claim("p900/P-1", source=Source("t", "t"), statement="t", registry=reg,
          over={"prior": Priors(2, 3)})(lambda prior: prior[0] <= Fraction(1, 2))
    v = check(reg.get("p900/P-1"), Settings(timeout=30))
    assert v.status is Status.REFUTED and v.witness.params["prior"] == ["1", "0"]
