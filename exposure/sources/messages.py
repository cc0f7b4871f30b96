"""User-facing messages of the post sources, in Dutch and English.

Errors and warnings carry a key and parameters next to their English text, so a
user interface shows them in the reader's language with `message_text(key, lang,
**params)` (or `.text(lang)` on the error or notice itself); the CLI prints English.
"""

from __future__ import annotations

from collections.abc import Mapping

ACCEPTED_NL = (
    "een X/Twitter-archief (.zip of data/tweets.js), een Facebook-export (your_posts*.json), "
    "een Instagram-export (posts_1.json), LinkedIn Shares.csv, een Mastodon-archief "
    "(.tar.gz of outbox.json), een Bluesky-repository (.car), "
    "of een CSV- of JSONL-bestand met een kolom '{text_column}'"
)
ACCEPTED_EN = (
    "an X/Twitter archive (.zip or data/tweets.js), a Facebook export (your_posts*.json), "
    "an Instagram export (posts_1.json), LinkedIn Shares.csv, a Mastodon archive "
    "(.tar.gz or outbox.json), a Bluesky repository (.car), "
    "or a CSV or JSONL file with a column '{text_column}'"
)

# key -> {"nl": template, "en": template}; templates use str.format fields.
MESSAGES: dict[str, dict[str, str]] = {
    # --- reading an uploaded file ---
    "sources.empty": {
        "nl": "Het bestand {name} is leeg.",
        "en": "The file {name} is empty.",
    },
    "sources.unknown_format": {
        "nl": "{name} is geen export die we kunnen lezen. Geschikt zijn: " + ACCEPTED_NL + ".",
        "en": "{name} is not an export we can read. Accepted are: " + ACCEPTED_EN + ".",
    },
    "sources.not_text": {
        "nl": "{name} is geen tekstbestand en geen archief dat we kennen. Geschikt zijn: "
        + ACCEPTED_NL
        + ".",
        "en": "{name} is neither a text file nor an archive we know. Accepted are: "
        + ACCEPTED_EN
        + ".",
    },
    "sources.bluesky_car_damaged": {
        "nl": "{name} lijkt een Bluesky-repository (.car), maar is beschadigd of onvolledig. "
        "Download de export opnieuw via Instellingen > Account > Export my data.",
        "en": "{name} looks like a Bluesky repository (.car) but is damaged or incomplete. "
        "Download the export again under Settings > Account > Export my data.",
    },
    "sources.wrong_x_file": {
        "nl": "{name} komt uit een X-archief, maar bevat niet je berichten. "
        "Kies data/tweets.js (of tweet.js), of upload het hele zip-bestand.",
        "en": "{name} comes from an X archive but does not hold your posts. "
        "Choose data/tweets.js (or tweet.js), or upload the whole zip file.",
    },
    "sources.file_too_large": {
        "nl": "{name} is {size_mb} MB; een los bestand mag hoogstens {limit_mb} MB zijn.",
        "en": "{name} is {size_mb} MB; a single file may be at most {limit_mb} MB.",
    },
    "sources.archive_too_large": {
        "nl": "{name} is {size_mb} MB; een archief mag hoogstens {limit_mb} MB zijn.",
        "en": "{name} is {size_mb} MB; an archive may be at most {limit_mb} MB.",
    },
    "sources.broken_json": {
        "nl": "{name} is geen geldige JSON (regel {line}, kolom {column}). Het bestand is "
        "misschien beschadigd; download de export opnieuw.",
        "en": "{name} is not valid JSON (line {line}, column {column}). The file may be "
        "damaged; download the export again.",
    },
    "sources.truncated_json": {
        "nl": "{name} houdt onverwacht op bij regel {line}; het bestand is waarschijnlijk "
        "onvolledig. Download de export opnieuw.",
        "en": "{name} ends unexpectedly at line {line}; the file is probably incomplete. "
        "Download the export again.",
    },
    "sources.too_deep": {
        "nl": "{name} is te diep genest om te lezen.",
        "en": "{name} is nested too deeply to be read.",
    },
    "sources.bad_encoding": {
        "nl": "{name} heeft een tekencodering die we niet kunnen lezen. Sla het op als UTF-8.",
        "en": "{name} uses a character encoding we cannot read. Save it as UTF-8.",
    },
    "sources.unexpected_shape": {
        "nl": "{name} lijkt op een {platform}-export, maar de inhoud heeft niet de verwachte "
        "vorm ({detail}).",
        "en": "{name} looks like a {platform} export, but its content does not have the "
        "expected shape ({detail}).",
    },
    "sources.no_text_column": {
        "nl": "{name} heeft geen kolom '{column}'. Gevonden kolommen: {columns}. "
        "Kies de kolom met de berichttekst.",
        "en": "{name} has no column '{column}'. Columns found: {columns}. "
        "Choose the column that holds the post text.",
    },
    "sources.csv_error": {
        "nl": "{name} kan niet als CSV gelezen worden vanaf regel {line}.",
        "en": "{name} cannot be read as CSV from line {line} on.",
    },
    "sources.no_posts": {
        "nl": "In {name} staan geen berichten met tekst.",
        "en": "{name} contains no posts with text.",
    },
    "sources.no_posts_skipped": {
        "nl": "In {name} staan geen eigen berichten met tekst; {count} onderdelen zijn "
        "overgeslagen ({reasons}).",
        "en": "{name} contains no posts of your own with text; {count} items were "
        "skipped ({reasons}).",
    },
    "sources.no_valid_lines": {
        "nl": "Geen enkele regel van {name} is een geldig JSON-object.",
        "en": "Not a single line of {name} is a valid JSON object.",
    },
    "sources.unreadable": {
        "nl": "{name} kon niet gelezen worden. Geschikt zijn: " + ACCEPTED_NL + ".",
        "en": "{name} could not be read. Accepted are: " + ACCEPTED_EN + ".",
    },
    # --- archives ---
    "sources.archive_corrupt": {
        "nl": "Het archief {name} is beschadigd of onvolledig.",
        "en": "The archive {name} is damaged or incomplete.",
    },
    "sources.archive_too_many_members": {
        "nl": "Het archief bevat {count} bestanden; hoogstens {limit} zijn toegestaan.",
        "en": "The archive holds {count} files; at most {limit} are accepted.",
    },
    "sources.archive_too_big_unpacked": {
        "nl": "Uitgepakt zou het archief {size_mb} MB zijn; hoogstens {limit_mb} MB is "
        "toegestaan. Het is niet gelezen.",
        "en": "Unpacked, the archive would be {size_mb} MB; at most {limit_mb} MB is "
        "accepted. It was not read.",
    },
    "sources.archive_ratio": {
        "nl": "{member} in het archief is verdacht sterk ingepakt (verhouding {ratio}:1); "
        "het archief is niet gelezen.",
        "en": "{member} in the archive is compressed suspiciously strongly (ratio {ratio}:1); "
        "the archive was not read.",
    },
    "sources.archive_unsafe_name": {
        "nl": "Het archief bevat een bestand met een onveilige naam ({member}); het archief "
        "is niet gelezen.",
        "en": "The archive contains a file with an unsafe name ({member}); the archive was "
        "not read.",
    },
    "sources.archive_link": {
        "nl": "Het archief bevat een koppeling of speciaal bestand ({member}); het archief "
        "is niet gelezen.",
        "en": "The archive contains a link or special file ({member}); the archive was not read.",
    },
    "sources.archive_encrypted": {
        "nl": "{member} in het archief is met een wachtwoord beveiligd; upload een archief "
        "zonder wachtwoord.",
        "en": "{member} in the archive is password-protected; upload an archive without "
        "a password.",
    },
    "sources.member_too_large": {
        "nl": "{member} in het archief is {size_mb} MB; hoogstens {limit_mb} MB per bestand "
        "is toegestaan.",
        "en": "{member} in the archive is {size_mb} MB; at most {limit_mb} MB per file "
        "is accepted.",
    },
    "sources.archive_no_posts": {
        "nl": "In het archief {name} staat geen bestand met berichten dat we kennen. "
        "Geschikt zijn: " + ACCEPTED_NL + ".",
        "en": "The archive {name} holds no file with posts that we know. Accepted are: "
        + ACCEPTED_EN
        + ".",
    },
    # --- warnings on an import that went through ---
    "sources.warn.not_utf8": {
        "nl": "{count} bytes in {name} waren geen geldige UTF-8 en zijn als Windows-1252 "
        "gelezen; controleer letters met accenten.",
        "en": "{count} bytes in {name} were not valid UTF-8 and were read as Windows-1252; "
        "check accented letters.",
    },
    "sources.warn.misleading_name": {
        "nl": "De naam {name} doet {named} vermoeden, maar de inhoud is een {actual}-export; "
        "het bestand is als {actual} gelezen.",
        "en": "The name {name} suggests {named}, but the content is a {actual} export; "
        "the file was read as {actual}.",
    },
    "sources.warn.other_platforms": {
        "nl": "Het archief bevat ook bestanden van {others}; alleen de {platform}-berichten "
        "zijn gelezen.",
        "en": "The archive also holds files of {others}; only the {platform} posts were read.",
    },
    "sources.warn.bad_lines": {
        "nl": "{count} regels konden niet gelezen worden en zijn overgeslagen (regel {lines}).",
        "en": "{count} lines could not be read and were skipped (line {lines}).",
    },
    "sources.warn.truncated_last_line": {
        "nl": "De laatste regel van {name} is onvolledig en is overgeslagen; het bestand is "
        "misschien afgebroken.",
        "en": "The last line of {name} is incomplete and was skipped; the file may have been "
        "cut off.",
    },
    "sources.warn.bad_dates": {
        "nl": "Bij {count} berichten was de datum onleesbaar; ze zijn zonder datum ingelezen.",
        "en": "{count} posts had a date that could not be read; they were imported without a date.",
    },
    "sources.warn.long_text": {
        "nl": "{count} berichten waren langer dan {limit} tekens en zijn ingekort.",
        "en": "{count} posts were longer than {limit} characters and were shortened.",
    },
    "sources.warn.too_many_posts": {
        "nl": "Het bestand bevat meer dan {limit} berichten; alleen de eerste {limit} zijn "
        "gelezen.",
        "en": "The file holds more than {limit} posts; only the first {limit} were read.",
    },
    "sources.warn.skipped": {
        "nl": "Overgeslagen: {count} {reason}.",
        "en": "Skipped: {count} {reason}.",
    },
    # --- fetching public accounts ---
    "sources.fetch.bad_url": {
        "nl": "'{url}' is geen geldig webadres.",
        "en": "'{url}' is not a valid web address.",
    },
    "sources.fetch.https_only": {
        "nl": "Alleen https://-adressen worden opgehaald ({url}).",
        "en": "Only https:// addresses are fetched ({url}).",
    },
    "sources.fetch.internal_address": {
        "nl": "{host} wijst naar een intern of privé-netwerkadres ({address}); er is geen "
        "contact mee gelegd.",
        "en": "{host} points to an internal or private network address ({address}); it was "
        "not contacted.",
    },
    "sources.fetch.unresolvable": {
        "nl": "De server {host} is niet te vinden.",
        "en": "The server {host} cannot be found.",
    },
    "sources.fetch.too_many_redirects": {
        "nl": "{host} stuurt te vaak door; het ophalen is gestopt.",
        "en": "{host} redirects too often; fetching stopped.",
    },
    "sources.fetch.foreign_next": {
        "nl": "{host} verwees voor de volgende pagina naar een andere server; die is niet "
        "opgehaald.",
        "en": "{host} pointed to another server for the next page; it was not fetched.",
    },
    "sources.fetch.timeout": {
        "nl": "{host} antwoordde niet op tijd.",
        "en": "{host} did not answer in time.",
    },
    "sources.fetch.connection": {
        "nl": "Geen verbinding met {host}.",
        "en": "Could not connect to {host}.",
    },
    "sources.fetch.http_status": {
        "nl": "{host} antwoordde met foutcode {status}.",
        "en": "{host} answered with error {status}.",
    },
    "sources.fetch.rate_limited": {
        "nl": "{host} beperkt het aantal verzoeken; probeer het over {seconds} seconden opnieuw.",
        "en": "{host} limits the number of requests; try again in {seconds} seconds.",
    },
    "sources.fetch.bad_json": {
        "nl": "{host} stuurde een antwoord dat geen geldige JSON is.",
        "en": "{host} sent an answer that is not valid JSON.",
    },
    "sources.fetch.unexpected": {
        "nl": "{host} stuurde een antwoord met een onverwachte vorm.",
        "en": "{host} sent an answer in an unexpected shape.",
    },
    "sources.fetch.too_big": {
        "nl": "{host} stuurde een antwoord groter dan {limit_mb} MB.",
        "en": "{host} sent an answer larger than {limit_mb} MB.",
    },
    "sources.fetch.bad_account": {
        "nl": "'{account}' is geen geldige accountnaam.",
        "en": "'{account}' is not a valid account name.",
    },
    "sources.fetch.account_not_found": {
        "nl": "Het account {account} is niet gevonden op {host}.",
        "en": "The account {account} was not found on {host}.",
    },
    "sources.fetch.not_public": {
        "nl": "{host} geeft geen openbare toegang tot accounts (foutcode {status}).",
        "en": "{host} does not give public access to accounts (error {status}).",
    },
    "sources.fetch.opted_out": {
        "nl": "{account} heeft gevraagd niet getoond te worden aan bezoekers die niet zijn "
        "ingelogd; de berichten zijn niet opgehaald.",
        "en": "{account} has asked not to be shown to visitors who are not logged in; the "
        "posts were not fetched.",
    },
    "sources.fetch.cancelled": {
        "nl": "Het ophalen is afgebroken na {count} berichten.",
        "en": "Fetching was cancelled after {count} posts.",
    },
    "sources.fetch.page_cap": {
        "nl": "Gestopt na {pages} pagina's; oudere berichten zijn niet opgehaald.",
        "en": "Stopped after {pages} pages; older posts were not fetched.",
    },
    "sources.fetch.partial": {
        "nl": "{count} berichten zijn opgehaald; oudere berichten konden niet worden opgehaald.",
        "en": "{count} posts were fetched; older posts could not be fetched.",
    },
}

# Why an item of an export or feed was not turned into a post.
SKIP_REASONS: dict[str, dict[str, str]] = {
    "retweet": {"nl": "retweets", "en": "retweets"},
    "boost": {"nl": "boosts", "en": "boosts"},
    "repost": {"nl": "reposts", "en": "reposts"},
    "direct": {"nl": "directe berichten", "en": "direct messages"},
    "reply": {"nl": "antwoorden op anderen", "en": "replies"},
    "no_text": {"nl": "berichten zonder tekst", "en": "posts without text"},
    "duplicate": {"nl": "dubbele berichten", "en": "duplicate posts"},
    "malformed": {"nl": "onleesbare onderdelen", "en": "unreadable items"},
    "not_a_post": {"nl": "onderdelen die geen bericht zijn", "en": "items that are not posts"},
}


def message_text(key: str, lang: str = "en", **params: object) -> str:
    """The message `key` in `lang` ("nl" or "en"), with `params` filled in."""
    templates = MESSAGES.get(key)
    if templates is None:
        return key
    template = templates.get(lang) or templates["en"]
    if key in ("sources.warn.skipped",) and "reason" in params:
        params = {**params, "reason": skip_reason_text(str(params["reason"]), lang)}
    try:
        return template.format_map(_Params(params))
    except (IndexError, ValueError, AttributeError):
        return template


class _Params(dict):
    # A missing parameter shows as its placeholder instead of breaking the message.
    def __missing__(self, key: str) -> str:
        return "text" if key == "text_column" else "{" + key + "}"


def skip_reason_text(reason: str, lang: str = "en") -> str:
    names = SKIP_REASONS.get(reason)
    if names is None:
        return reason
    return names.get(lang) or names["en"]


def describe_skipped(counts: Mapping[str, int], lang: str = "en") -> str:
    """ "3 retweets, 1 posts without text" in `lang`, for a summary line."""
    return ", ".join(
        f"{count} {skip_reason_text(reason, lang)}" for reason, count in counts.items() if count
    )


class Notice(str):
    """A warning or problem: English text, plus the key and parameters to translate it."""

    key: str
    params: dict[str, object]

    def __new__(cls, key: str, **params: object) -> Notice:
        notice = super().__new__(cls, message_text(key, "en", **params))
        notice.key = key
        notice.params = dict(params)
        return notice

    def __getnewargs_ex__(self) -> tuple[tuple[str], dict[str, object]]:
        return (self.key,), self.params

    def text(self, lang: str = "en") -> str:
        return message_text(self.key, lang, **self.params)


class SourceError(Exception):
    """Posts could not be read or fetched; `message` says why, fit to show a user."""

    def __init__(self, key: str, **params: object) -> None:
        self.key = key
        self.params = dict(params)
        self.message = message_text(key, "en", **params)
        super().__init__(self.message)

    def text(self, lang: str = "en") -> str:
        return message_text(self.key, lang, **self.params)
