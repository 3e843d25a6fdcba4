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
