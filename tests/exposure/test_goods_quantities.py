from exposure.recognizers import goods_quantities

SUBSTANCES = ("zoutzuur", "methanol", "ammoniak", "caustic soda")


def found(text: str, lang: str) -> list[str]:
    return [text[c.start : c.end] for c in goods_quantities.find(text, lang, SUBSTANCES)]


def test_quantity_container_and_substance_are_one_span() -> None:
    assert found("er staan 20 vaten zoutzuur", "nl") == ["20 vaten zoutzuur"]
    assert found("een tank met 500 m3 methanol", "nl") == ["tank met 500 m3 methanol"]
    assert found("12 drums of caustic soda", "en") == ["12 drums of caustic soda"]


def test_quantities_of_ordinary_things_are_not_goods() -> None:
    assert found("20 liter melk en 3 zakken chips", "nl") == []


def test_the_vehicle_carrying_the_goods_stays_outside_the_goods_span() -> None:
    # The tanker is LOGISTICS; only what it carries is GOODS.
    text = "a tanker with 30,000 litres of methanol arrives tonight"
    assert found(text, "en") == ["30,000 litres of methanol"]
    assert found("de tankwagen met 20 ton ammoniak", "nl") == ["20 ton ammoniak"]
