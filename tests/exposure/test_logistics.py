from exposure.recognizers import logistics


def found(text: str, lang: str) -> list[str]:
    return [text[c.start : c.end] for c in logistics.find(text, lang)]


def test_vehicle_movement_and_time_are_one_span() -> None:
    assert found("de tanker komt donderdag om 06:00", "nl") == ["tanker komt donderdag om 06:00"]
    assert found("the barge arrives tomorrow morning", "en") == ["barge arrives tomorrow morning"]


def test_route_belongs_to_the_shipment() -> None:
    assert found("lading gaat vrijdag naar Rotterdam", "nl") == [
        "lading gaat vrijdag naar Rotterdam"
    ]


def test_movement_time_after_another_span_stands_alone() -> None:
    text = "de vrachtwagen met 12 IBC's ammoniak vertrekt om 04:30"
    assert found(text, "nl") == ["vertrekt om 04:30"]


def test_a_time_without_a_vehicle_is_not_logistics() -> None:
    assert found("we vertrekken om 10:00 naar oma", "nl") == []
