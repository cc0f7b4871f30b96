"""The annotated NER corpus: markup parser, template filler and split builder.

`python -m exposure.corpus build` turns the hand-written files and the template
families under data/corpus/ into train.jsonl, dev.jsonl and test.jsonl;
`python -m exposure.corpus stats` prints what they hold.

Annotation guideline
====================
Everyone who writes annotated posts (hand-written train and test files, template
families) follows these rules, so that training and test data agree. They refine
the label table and tie-break rules of DESIGN.md.

Markup: ``[[span text|LABEL]]``; spans never nest; benign posts carry no markup.

General span boundaries
-----------------------
G1. A span is the shortest phrase that carries the detail.
G2. A span never starts with an article, determiner, possessive, subject pronoun,
    auxiliary/copula or locating preposition: "de", "het", "een", "mijn", "onze",
    "ik", "we", "ben", "sta", "bij", "in", "op", "om", "aan", "the", "a", "an",
    "my", "our", "I", "we", "am", "at", "in", "on", "to".
    -> "bij de [[controlekamer|SITE]]", "de [[tanker komt om 06:00|LOGISTICS]]".
    Words *inside* a span stay inside.
G3. Exception to G2: boundary words that change the meaning of a time stay in the
    span: "tot", "vanaf", "na", "voor", "until", "till", "from", "after", "before",
    and "alleen"/"alone"/"solo" -> "[[alleen tot 06:00|SCHEDULE]]". Fixed
    expressions keep their first word: "[[op vakantie|SCHEDULE]]", "[[on call this
    weekend|SCHEDULE]]", "[[on my own until 03:00|SCHEDULE]]", "[[in the red|LEVERAGE]]".
G4. A span never ends with punctuation, emoji or whitespace; trailing "!", ".",
    ",", ")" stay outside. Internal punctuation belongs to the value ("GX-123-B",
    "06:00", "B.V.").
G5. Hashtags and @mentions are text like any other and the WHOLE token, including
    "#" or "@", is the span: "[[#Oosterhorn|SITE]]", "[[@Noordchem|ORG]]",
    "[[#nachtdienst|SCHEDULE]]". A hashtag that glues a name to other words takes
    the label of the name: "[[#TeamNoordchem|ORG]]", "[[#TrotsOpDeltaPolymers|ORG]]".
    Hashtags without a label-worthy detail (#trots, #zomer, #proud) stay unmarked.
G6. Legal suffixes belong to an organisation name: "[[Noordchem B.V.|ORG]]".

Per label (one example per line; "->" shows the markup)
---------
ORG        Organisations in a work relation: employer, client, supplier, contractor,
           partner, port authority or public body, and a job seeker's target
           employer. Shops, football clubs, schools, broadcasters and festivals in
           private life are NOT annotated.
             -> [[Groningen Seaports|ORG]]
             -> Team [[Dollard Gas|ORG]]   ("Team" is not part of the name)
PERSON     Names of private people: colleagues, bosses, family, friends, oneself;
           a first name alone counts. Public figures (footballers, artists,
           politicians) are NOT annotated, so benign posts name no private person.
             -> [[Sanne|PERSON]], [[Jan de Vries|PERSON]]
ROLE       Job titles that reveal access or responsibility in the industrial,
           port, logistics, security, IT, HR or finance context, with qualifiers;
           plurals count. Unrelated jobs (juf, kapper, nurse) are not ROLE.
             -> [[senior procesoperator|ROLE]], [[logistics planner|ROLE]]
             -> alle [[operators|ROLE]]
SITE       Places of work: estates, plants, terminals, halls, gates, jetties,
           control rooms, stores, weighbridges, addresses. Town names are SITE only
           when they locate the work, goods or ships, not on a day out. The gate
           of a school, castle or festival is not SITE.
             -> bij [[poort 3|SITE]], op [[jetty 4|SITE]], werk in [[Delfzijl|SITE]]
SCHEDULE   Shifts, the work roster, and when people work, are on site or away.
           A day or time right next to a shift word joins its span; a day or time
           elsewhere that says when someone works or is away is its own span. A
           place stays outside as SITE. Dates of life events (first day, birthday)
           are not SCHEDULE. Times of goods, vehicles or ships moving are LOGISTICS.
             -> [[nachtdienst|SCHEDULE]], het [[rooster|SCHEDULE]]
             -> ik sta [[vannacht alleen|SCHEDULE]] in de [[controlekamer|SITE]]
             -> [[volgende week op vakantie|SCHEDULE]], [[4 nachten achter elkaar|SCHEDULE]]
             -> [[morgen nachtdienst|SCHEDULE]], [[night shift tomorrow|SCHEDULE]]
             -> kan iemand mijn [[zaterdag|SCHEDULE]] overnemen
             -> I'm on [[earlies|SCHEDULE]] at the [[weighbridge|SITE]]
SECURITY   Security measures and their weaknesses. A measure together with its
           weakness is ONE span, which may include the place and time in between.
           A measure alone is SECURITY too. The place alone is SITE.
             -> de [[camera bij poort 3 doet het al weken niet|SECURITY]]
             -> [[no guard after 22:00|SECURITY]]
             -> [[bewakingscamera's|SECURITY]], de [[slagboom|SECURITY]]
ACCESS     Means of access and credentials: toegangspas, badge, pass, sleutels,
           deurcode, wachtwoord, login, VPN-account, admin-rechten. A secret value
           that follows directly (only "is", ":" or "=" between) is in the span,
           and so is what it opens when it follows with van/of/for/to. The badge
           itself is ACCESS, its number IDENTIFIER. A festival or conference badge
           and a safety certificate (VCA) are not ACCESS.
             -> [[deurcode is 4471|ACCESS]]
             -> [[deurcode van het magazijn is 2580|ACCESS]]
             -> [[keys to the control room|ACCESS]]
             -> [[toegangspas|ACCESS]] nr [[48213|IDENTIFIER]]
GOODS      Substances, stock, quantities, valuables, with quantity and storage
           vessel (tank, vat, IBC, drum) in one span.
             -> [[20 vaten zoutzuur|GOODS]], [[tank met 500 m3 methanol|GOODS]]
             -> [[precursors|GOODS]], [[koperkabel|GOODS]]
LOGISTICS  Shipments, vehicles (also forklifts and tugs), ships, containers,
           routes, deliveries. The vehicle phrase runs on over its movement verb to
           a time, date or route that directly follows or precedes; a destination
           stays inside. An organisation, quantity or substance is never swallowed:
           when one intervenes, the movement verb starts a separate LOGISTICS span
           with the time. A ship name is part of the ship phrase.
             -> de [[tanker komt donderdag om 06:00|LOGISTICS]]
             -> [[lading gaat vrijdag naar Rotterdam|LOGISTICS]]
             -> [[morgen komt de tanker|LOGISTICS]]
             -> [[vrachtwagen|LOGISTICS]] met [[12 IBC's ammoniak|GOODS]]
                [[vertrekt om 04:30|LOGISTICS]]   (one sentence)
             -> [[levering|LOGISTICS]] van [[Dollard Gas|ORG]] [[komt een dag te laat|LOGISTICS]]
             -> [[MV Nordic Star ligt aan|LOGISTICS]]
             -> [[Container|LOGISTICS]] [[NCHU 123456 5|IDENTIFIER]]
IDENTIFIER Phone numbers, e-mail addresses, licence plates, container numbers,
           IBANs, BSNs, badge/staff numbers: only the value. A look-alike that
           fails validation (wrong check digit, impossible plate) is not annotated.
             -> bel [[06-12345678|IDENTIFIER]], kenteken [[GX-123-B|IDENTIFIER]]
             -> pasnummer [[48213|IDENTIFIER]]
LEVERAGE   Personal vulnerabilities criminals exploit (debts, gambling, urgent
           money need, a grudge against the employer), as the phrase naming it.
           Debts of a football club or a company in the news are not LEVERAGE.
             -> [[schulden|LEVERAGE]], [[€12.000 gokschuld|LEVERAGE]]
             -> [[need cash fast|LEVERAGE]], mijn [[baas kan de pot op|LEVERAGE]]

Spans always cover whole words: never "[[operator|ROLE]]s"; write "[[operators|ROLE]]".

Settled cases
-------------
Cases that writers read differently until they were settled; the rules above win
where these seem to disagree.
S1. Subject pronouns stay outside every span, also before a grudge:
    ze [[kunnen allemaal de pot op|LEVERAGE]], my [[boss is a clown|LEVERAGE]].
S2. A demonstrative that belongs to a time stays inside SCHEDULE:
    [[deze week nachtdienst|SCHEDULE]], [[this weekend on call|SCHEDULE]].
S3. Staffing as a weakness (too few guards or operators) is SECURITY:
    [['s nachts maar één bewaker|SECURITY]]. How many colleagues work together
    is SCHEDULE: [[met z'n tweeën tot 06:00|SCHEDULE]]. A guard's job title is ROLE.
S4. A tank, silo or berth without named contents is SITE ([[tank T-112|SITE]]);
    with quantity and substance it is one GOODS span. The vehicle that carries
    goods is LOGISTICS, never inside GOODS: [[tanker|LOGISTICS]] with
    [[30,000 litres of methanol|GOODS]].
S5. A credential with its weakness: the credential alone is ACCESS
    ([[password for the crane PC|ACCESS]] is on a post-it). A weakness of the access
    control itself is one SECURITY span:
    [[contractor badges are never deactivated|SECURITY]].
S6. A measure with its weakness runs to the end of the clause that states the
    weakness, not over asides such as "volgens mij", "lol", "I think".
S7. "kantine", "keet", "canteen", "on site", "op het terrein" stay unmarked.
S8. Turnarounds and stops with their timing are SCHEDULE:
    [[3 weken turnaround|SCHEDULE]]. Leave and absence with their timing are one
    SCHEDULE span: [[on leave from the 22nd|SCHEDULE]], [[ziekteverlof tot eind mei|SCHEDULE]].
S9. A time that says when someone works joins the shift word next to it:
    [[on my own Wednesday until 06:00|SCHEDULE]], [[elke nacht van 22 tot 6|SCHEDULE]].
S10. Without goods or an organisation in between, the ship or vehicle phrase runs
    on over its verb to the time and destination, and a gate, jetty or dock it
    goes to is inside when it follows the verb directly:
    [[MT Fivel Trader leaves for Antwerp tonight at 23:00|LOGISTICS]],
    [[deliveries go through the back gate from monday|LOGISTICS]].
    A place in its own clause is SITE.
S11. Long posts are annotated as fully as short ones: every private first name is
    PERSON, every company in a work relation ORG, every workplace town SITE.
S12. A span does not end right before a full stop when its last word is a single
    capital or an abbreviation ("ploeg C."): the tokenizer glues the stop to it.

Benign posts (no markup) include hard negatives that use trigger words innocently:
school gate, night sky, a shell on the beach, a pass in football, a tank top, a
container garden, a ship in a bottle, a night out, the gate of a castle, a festival
badge, a club's debts in the news.
"""
