import kerastour_helpers as kt


def test_facts_table_writes_shapes_as_a_reader_would():
    rows = dict(kt.dataset_info("imdb").as_rows())
    assert rows["One example (x)"] == "variable-length list of word indices"
    assert rows["One target (y)"] == "a scalar"
    assert dict(kt.dataset_info("cifar10").as_rows())["One example (x)"] == "(32, 32, 3)"
