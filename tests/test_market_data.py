"""A campaign's data for a market is worked out once (render/context.market_data) and is
never another campaign's or another market's."""

from __future__ import annotations

import pytest

from mailglot.render.context import market_data, per_market


def _data(price: float) -> dict:
    return {
        "price": {"by_market": {"US": price, "JP": 1490, "default": 9.99}},
        "plans": [{"name": "Premium", "price": {"by_market": {"US": price + 1, "default": 5}}}],
        "strings": {"tagline": "Every series"},
    }


def test_each_market_gets_its_own_values() -> None:
    data = _data(12.99)
    us, jp, fr = (market_data(data, m) for m in ("US", "JP", "FR"))
    assert (
        us
        == per_market(data, "US")
        == {
            "price": 12.99,
            "plans": [{"name": "Premium", "price": 13.99}],
            "strings": {"tagline": "Every series"},
        }
    )
    assert (jp["price"], jp["plans"][0]["price"]) == (1490, 5)
    assert (fr["price"], fr["plans"][0]["price"]) == (9.99, 5)
    assert market_data(data, "US") is us  # worked out once


def test_other_data_is_never_answered_from_the_cache() -> None:
    first = _data(12.99)
    assert market_data(first, "US")["price"] == 12.99
    second = _data(7.49)  # a campaign read again, as serve does after an edit
    assert market_data(second, "US")["price"] == 7.49
    assert market_data(first, "US")["price"] == 12.99
    for price in range(50):  # each dropped as the next is made: ids are taken again
        assert market_data(_data(price), "US")["price"] == price


def test_a_market_without_a_value_fails_each_time() -> None:
    data = {"price": {"by_market": {"US": 1}}}
    for _ in range(2):
        with pytest.raises(ValueError, match="no value for market JP"):
            market_data(data, "JP")
