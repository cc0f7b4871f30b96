"""Generators of identifier values for template posts: valid ones and look-alikes.

Valid values pass the same libraries the scanner validates with (phonenumbers,
python-stdnum), so the model sees real shapes; look-alikes fail validation and
stay unannotated, so it learns that the shape alone is not enough.
"""

from __future__ import annotations

import random
import string

import phonenumbers
from stdnum import iban, iso6346
from stdnum.nl import bsn

from exposure.recognizers.licence_plate import SIDECODES

# Letters the RDW issues on plates: no vowels, and no C, M, Q, W, Y in current series.
PLATE_LETTERS = "BDFGHJKLNPRSTVXZ"
# Fictional owner codes for the estate's container operators.
CONTAINER_OWNERS = ("NCHU", "DPLU", "EHTU", "OSTU", "GSPU", "EMSU", "DZLU", "WADU", "NRDU")
BANK_CODES = ("ABNA", "INGB", "RABO", "SNSB", "TRIO", "ASNB", "KNAB", "BUNQ")


def plate(rng: random.Random) -> str:
    # Weighted towards the side codes of cars on the road today.
    code = rng.choice(SIDECODES[3:] + SIDECODES[6:11])
    return "".join(
        rng.choice(PLATE_LETTERS) if c == "X" else str(rng.randint(0, 9)) if c == "9" else c
        for c in code
    )


def bad_plate(rng: random.Random) -> str:
    """Digits only in a plate-like layout: not any side code."""
    return f"{rng.randint(10, 99)}-{rng.randint(10, 99)}-{rng.randint(10, 99)}"


def nl_mobile(rng: random.Random) -> str:
    while True:
        digits = f"6{rng.randint(1, 5)}{rng.randint(0, 9_999_999):07d}"
        if phonenumbers.is_valid_number(phonenumbers.parse("0" + digits, "NL")):
            break
    style = rng.randrange(6)
    if style == 0:
        return f"0{digits}"
    if style == 1:
        return f"0{digits[0]} {digits[1:3]} {digits[3:5]} {digits[5:7]} {digits[7:]}"
    if style == 2:
        return f"+31 {digits[0]} {digits[1:]}"
    if style == 3:
        return f"+31{digits}"
    return f"0{digits[0]}-{digits[1:]}"


def nl_landline(rng: random.Random) -> str:
    # Delfzijl (0596), Groningen (050), Appingedam/Eemshaven region (0596), Winschoten (0597)
    area = rng.choice(("0596", "050", "0597", "0595"))
    while True:
        rest_len = 10 - len(area)
        rest = f"{rng.randint(2 * 10 ** (rest_len - 1), 10**rest_len - 1)}"
        number = f"{area}-{rest}"
        if phonenumbers.is_valid_number(phonenumbers.parse(number, "NL")):
            return number if rng.random() < 0.6 else f"{area} {rest[:3]} {rest[3:]}"


def uk_mobile(rng: random.Random) -> str:
    while True:
        number = f"07{rng.randint(400, 999)} {rng.randint(100000, 999999)}"
        if phonenumbers.is_valid_number(phonenumbers.parse(number, "GB")):
            return number if rng.random() < 0.7 else "+44 " + number[1:]


def phone(rng: random.Random, lang: str) -> str:
    roll = rng.random()
    if lang == "en" and roll < 0.35:
        return uk_mobile(rng)
    if roll < 0.8:
        return nl_mobile(rng)
    return nl_landline(rng)


def bad_phone(rng: random.Random) -> str:
    """One digit short of a Dutch mobile number."""
    return f"06-{rng.randint(1_000_000, 5_999_999)}"


def container(rng: random.Random) -> str:
    base = rng.choice(CONTAINER_OWNERS) + f"{rng.randint(0, 999_999):06d}"
    check = iso6346.calc_check_digit(base)
    number = base + check
    assert iso6346.is_valid(number)
    style = rng.randrange(3)
    if style == 0:
        return number
    if style == 1:
        return f"{base[:4]} {base[4:]} {check}"
    return f"{base[:4]} {base[4:]}{check}"


def bad_container(rng: random.Random) -> str:
    base = rng.choice(CONTAINER_OWNERS) + f"{rng.randint(0, 999_999):06d}"
    wrong = str((int(iso6346.calc_check_digit(base)) + rng.randint(1, 9)) % 10)
    return base + wrong


def iban_nl(rng: random.Random) -> str:
    bban = rng.choice(BANK_CODES) + f"{rng.randint(0, 9_999_999_999):010d}"
    number = "NL" + iban.calc_check_digits("NL00" + bban) + bban
    if not iban.is_valid(number):  # pragma: no cover - calc_check_digits guarantees it
        raise ValueError(number)
    return iban.format(number) if rng.random() < 0.6 else number


def bad_iban(rng: random.Random) -> str:
    bban = rng.choice(BANK_CODES) + f"{rng.randint(0, 9_999_999_999):010d}"
    good = int(iban.calc_check_digits("NL00" + bban))
    wrong = f"{(good + rng.randint(1, 50)) % 97 + 2:02d}"
    if wrong == f"{good:02d}":
        wrong = f"{(good + 1) % 97 + 2:02d}"
    number = "NL" + wrong + bban
    return number if not iban.is_valid(number) else "NL00" + bban


def bsn_number(rng: random.Random) -> str:
    while True:
        digits = f"{rng.randint(10_000_000, 99_999_999):08d}"
        for last in string.digits:
            if bsn.is_valid(digits + last):
                return digits + last


def badge_number(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.5:
        return str(rng.randint(10_000, 99_999))
    if roll < 0.8:
        return f"{rng.randint(100_000, 999_999)}"
    return f"{rng.choice('ABNPS')}{rng.randint(1000, 9999)}"
