"""User-facing text in English and Dutch.

A small catalogue keyed by message id; ``text(key, language, **values)`` formats one message.
A test checks that every message exists in both languages with the same placeholders.
"""

from __future__ import annotations

from tiewise.i18n_reminders import REMINDER_MESSAGES
from tiewise.i18n_report import REPORT_MESSAGES

LANGUAGES = ("en", "nl")

MESSAGES: dict[str, tuple[str, str]] = {
    "report.title": ("tiewise — network report for {name}", "tiewise — netwerkrapport voor {name}"),
    "report.as_of": ("As of {date}", "Stand per {date}"),
    "report.size": (
        "{count} contacts (size is reported, not a goal: it does not predict performance)",
        "{count} contacten (omvang wordt gemeld, is geen doel: ze voorspelt geen prestaties)",
    ),
    "report.by_context": (
        "Contacts by context and tie class",
        "Contacten per context en sterkte van de band",
    ),
    "report.all": ("all contacts", "alle contacten"),
    "report.goals": ("Goals", "Doelen"),
    "report.no_goals": (
        "No goals yet — name them first: tiewise goals add KEY",
        "Nog geen doelen — benoem ze eerst: tiewise goals add SLEUTEL",
    ),
    "report.no_events": ("No events recorded.", "Geen evenementen vastgelegd."),
    "study.instruments.prestige": (
        "Position generator prestige: ISEI-08 (Ganzeboom 2010) by ISCO-08 unit group; SIOPS and "
        "the alternative ISEI-08 are in {file}.",
        "Prestige in de positiegenerator: ISEI-08 (Ganzeboom 2010) per ISCO-08-beroepsgroep; "
        "SIOPS en de alternatieve ISEI-08 staan in {file}.",
    ),
    "study.instruments.unverified": (
        "Note: the resource generator's {count} items and their subscales are unverified — "
        "recalled, not checked against Van der Gaag & Snijders (2005, Social Networks 27, "
        "Table 2). Check the wording before fielding.",
        "Let op: de {count} items van de hulpbronnengenerator en hun subschalen zijn niet "
        "geverifieerd — uit het geheugen, niet gecontroleerd aan Van der Gaag & Snijders (2005, "
        "Social Networks 27, tabel 2). Controleer de formulering vóór afname.",
    ),
    "fit.everyone": ("all contacts", "alle contacten"),
    "fit.summary": ("For {goal} ({segment}): {parts}.", "Voor {goal} ({segment}): {parts}."),
    "fit.instrumental": (
        "{ties} weak or medium ties, in {clusters} of {all_clusters} worlds, {bridging} "
        "bridging; constraint {constraint}",
        "{ties} zwakke of middelsterke banden, in {clusters} van {all_clusters} werelden, "
        "{bridging} overbruggend; constraint {constraint}",
    ),
    "fit.being_known": (
        "others start {share} of your contacts, {invitations} invitations received this year",
        "anderen beginnen {share} van je contacten, {invitations} uitnodigingen ontvangen dit jaar",
    ),
    "fit.expressive": (
        "{strong} strong ties, density within their circles {density}, similar to you {similarity}",
        "{strong} sterke banden, dichtheid binnen hun kringen {density}, "
        "gelijk aan jou {similarity}",
    ),
    "gap.none": ("No clear gap.", "Geen duidelijk gat."),
    "gap.segment_ties": (
        "Add weak, bridging ties in {segment}: acquaintances in other circles bring chances.",
        "Leg lichte, overbruggende contacten in {segment}: kennissen in andere kringen "
        "brengen kansen.",
    ),
    "gap.cluster_span": (
        "Your ties in {segment} sit in few circles; meet people in other clusters.",
        "Je banden in {segment} zitten in weinig kringen; ontmoet mensen in andere clusters.",
    ),
    "gap.low_constraint": (
        "Your contacts in {segment} all know each other; find people outside that group.",
        "Je contacten in {segment} kennen elkaar allemaal; zoek mensen buiten die groep.",
    ),
    "gap.bridging_ties": (
        "None of your ties in {segment} bridges to another circle; look for brokers.",
        "Geen van je banden in {segment} slaat een brug naar een andere kring; zoek verbinders.",
    ),
    "gap.being_known": (
        "You start most contacts yourself; be visible so that others come to you.",
        "Je begint de meeste contacten zelf; wees zichtbaar zodat anderen naar jou komen.",
    ),
    "gap.strong_ties": (
        "Deepen a few ties in {segment}: too few are strong.",
        "Verdiep een paar banden in {segment}: te weinig zijn sterk.",
    ),
    "gap.closure": (
        "Many of your strong ties do not know each other; bring them together.",
        "Veel van je sterke banden kennen elkaar niet; breng ze samen.",
    ),
    "gap.similarity": (
        "Your strong ties share little with you; like-minded people fit this goal.",
        "Je sterke banden delen weinig met jou; gelijkgestemden passen bij dit doel.",
    ),
    # --- advice: portfolio
    "fit.title": (
        "Goals and how well your network serves them",
        "Doelen en hoe goed je netwerk ze dient",
    ),
    "col.fit": ("Fit", "Passing"),
    "col.what_you_have": ("What you have", "Wat je hebt"),
    "col.gap": ("Gap", "Gat"),
    "col.key": ("Key", "Sleutel"),
    "col.ties_needed": ("Ties it needs", "Banden die het vraagt"),
    "col.hours_month": ("h/month", "u/maand"),
    "col.why": ("Why", "Waarom"),
    "goals.custom_hint": (
        "Your own goal: tiewise goals add custom --label TEXT "
        "--class expressive|instrumental|mixed",
        "Een eigen doel: tiewise goals add custom --label TEKST "
        "--class expressive|instrumental|mixed",
    ),
    "goals.added": ("Goal added: {goal}", "Doel toegevoegd: {goal}"),
    "goals.updated": ("Goal updated: {goal}", "Doel bijgewerkt: {goal}"),
    "goals.removed": ("Goal removed: {goal}", "Doel verwijderd: {goal}"),
    "portfolio.title": ("Where to invest your time", "Waar je je tijd in steekt"),
    "portfolio.budget": (
        "{used:.2f} of {budget:.2f} hours a month planned; {protected} ties protected",
        "{used:.2f} van {budget:.2f} uur per maand ingepland; {protected} banden beschermd",
    ),
    "portfolio.focus": ("Focus: invest", "Focus: investeren"),
    "portfolio.reactivate": ("Reactivate", "Opnieuw oppakken"),
    "portfolio.maintain": ("Maintain cheaply", "Onderhouden, zuinig"),
    "portfolio.let_go": ("Let go", "Loslaten (ontvrienden)"),
    "portfolio.serves": (
        "serves {goal} (relevance {relevance})",
        "dient {goal} (relevantie {relevance})",
    ),
    "portfolio.tie": ("{klass} tie, strength {strength}", "band: {klass}, sterkte {strength}"),
    "portfolio.bridging": (
        "{share:.0%} of their links reach other circles",
        "{share:.0%} van hun verbindingen reikt naar andere kringen",
    ),
    "portfolio.never": (
        "no contact recorded ({interactions} interactions)",
        "geen contact vastgelegd ({interactions} interacties)",
    ),
    "portfolio.dormant": (
        "dormant for {days} days; reactivated ties bring new knowledge cheaply",
        "{days} dagen slapend; een gewekte band brengt goedkoop nieuwe kennis",
    ),
    "portfolio.low_value": (
        "serves your goals little (value {value} of 1; its time calls for {needed})",
        "dient je doelen weinig (waarde {value} van 1; de tijd die hij kost vraagt {needed})",
    ),
    "portfolio.costs": (
        "costs you {hours} hours in {meetings} meetings a year",
        "kost je {hours} uur in {meetings} afspraken per jaar",
    ),
    "portfolio.costs_nothing": (
        "costs nothing now (silent {days} days): letting go only clears the list",
        "kost nu niets ({days} dagen stil): loslaten ruimt alleen de lijst op",
    ),
    "portfolio.costs_nothing_never": (
        "costs nothing now (no contact recorded): letting go only clears the list",
        "kost nu niets (geen contact vastgelegd): loslaten ruimt alleen de lijst op",
    ),
    "portfolio.closeness": ("closeness {closeness}/5", "nabijheid {closeness}/5"),
    "portfolio.unrated": (
        "closeness not rated (strength {strength})",
        "nabijheid niet beoordeeld (sterkte {strength})",
    ),
    "portfolio.no_reciprocity": (
        "no reciprocity: {inbound} contacts started by them, {received} favours received",
        "geen wederkerigheid: {inbound} contacten door hen begonnen, {received} gunsten ontvangen",
    ),
    # --- advice: invitations
    "invitation.decision.accept": ("accept", "accepteren"),
    "invitation.decision.look_closer": ("look closer", "nader bekijken"),
    "invitation.decision.ignore": ("ignore", "negeren"),
    "invitation.rule.close_tie": (
        "already a close tie (strength {strength:.2f}, met {meetings} times): accepting confirms "
        "what exists",
        "al een hechte band (sterkte {strength:.2f}, {meetings} keer ontmoet): accepteren "
        "bevestigt wat er al is",
    ),
    "invitation.rule.close_rated": (
        "you rate this tie close ({closeness:.0f} of 5, met {meetings} times): accepting confirms "
        "what exists",
        "je noemt deze band hecht ({closeness:.0f} van 5, {meetings} keer ontmoet): accepteren "
        "bevestigt wat er al is",
    ),
    "invitation.rule.sales_pitch": (
        "a sales pitch from someone with no tie to you: {meetings} meetings, {mutual} shared "
        "contacts",
        "een verkooppraatje van iemand zonder band met jou: {meetings} ontmoetingen, {mutual} "
        "gedeelde contacten",
    ),
    "invitation.rule.stranger": (
        "unknown to you ({mutual} shared contacts known) and no personal message: nothing to go on",
        "onbekend ({mutual} gedeelde contacten bekend) en geen persoonlijk bericht: niets om op "
        "af te gaan",
    ),
    "invitation.rule.stranger_note": (
        "unknown to you ({mutual} shared contacts known), but wrote a personal message: read it, "
        "then decide",
        "onbekend ({mutual} gedeelde contacten bekend), maar schreef een persoonlijk bericht: lees "
        "het en beslis dan",
    ),
    "invitation.rule.score": (
        "score {score:.2f} of 1, most of it from {part} ({points:.2f} of {weight:.2f})",
        "score {score:.2f} van 1, het meest uit {part} ({points:.2f} van {weight:.2f})",
    ),
    "invitation.part.relevance": ("relevance to your goals", "relevantie voor je doelen"),
    "invitation.part.connection": ("how you are connected", "hoe jullie verbonden zijn"),
    "invitation.part.novelty": ("what is new in them", "wat ze nieuw brengen"),
    "invitation.part.message": ("a personal message", "een persoonlijk bericht"),
    "invitations.why_hint": (
        "The figures behind each line: tiewise invitations --why (or --json).",
        "De cijfers achter elke regel: tiewise invitations --why (of --json).",
    ),
    "invitation.relevance": (
        "serves your goal {goal}: relevance {relevance:.2f} of 1",
        "dient je doel {goal}: relevantie {relevance:.2f} van 1",
    ),
    "invitation.no_relevance": (
        "serves none of your goals ({goals} named; relevance {relevance:.2f})",
        "dient geen van je doelen ({goals} benoemd; relevantie {relevance:.2f})",
    ),
    "invitation.no_goals": (
        "you have named {goals} goals, so relevance cannot be judged (tiewise goals add KEY)",
        "je hebt {goals} doelen benoemd, dus relevantie is niet te beoordelen "
        "(tiewise goals add SLEUTEL)",
    ),
    "invitation.stranger": (
        "not among your {contacts} contacts: no shared meeting, organisation or mutual contact "
        "known (LinkedIn's export omits mutual connections)",
        "staat niet tussen je {contacts} contacten: geen gedeelde ontmoeting, organisatie of "
        "gemeenschappelijk contact bekend (LinkedIn-export noemt geen gedeelde connecties)",
    ),
    "invitation.unknown_relevance": (
        "nothing is known of their sector, role or region: relevance to your goals counts as "
        "{relevance:.0f}",
        "over hun sector, rol en regio is niets bekend: relevantie voor je doelen telt als "
        "{relevance:.0f}",
    ),
    "invitation.unknown_novelty": (
        "whether they bring anything new is unknown (cluster and sector unknown): counts as "
        "{novelty:.1f}",
        "of ze iets nieuws brengen is onbekend (cluster en sector onbekend): telt als "
        "{novelty:.1f}",
    ),
    "invitation.met": (
        "met in person (meetings and events): {count}, the last on {last}",
        "persoonlijk ontmoet (afspraken en evenementen): {count}, het laatst op {last}",
    ),
    "invitation.same_event": (
        "on the attendee list of events you attended: {count}",
        "op de deelnemerslijst van evenementen waar je was: {count}",
    ),
    "invitation.mutual": ("knows {count} of your contacts", "kent {count} van je contacten"),
    "invitation.same_organisation": (
        "works at {organisation}, as you do (your contacts there: {count})",
        "werkt bij {organisation}, net als jij (je contacten daar: {count})",
    ),
    "invitation.no_connection": (
        "no shared meeting, organisation or contact known ({meetings} meetings, {mutual} mutual "
        "contacts)",
        "geen gedeelde ontmoeting, organisatie of gemeenschappelijk contact bekend ({meetings} "
        "ontmoetingen, {mutual} gemeenschappelijke contacten)",
    ),
    "invitation.tie": (
        "already a contact: tie strength {strength:.2f}, interactions: {interactions}",
        "al een contact: sterkte van de band {strength:.2f}, contactmomenten: {interactions}",
    ),
    "invitation.bridge": (
        "a bridge: the only link between a cluster of {size} of your contacts and the rest",
        "een brug: de enige verbinding tussen een cluster van {size} van je contacten en de rest",
    ),
    "invitation.isolated": (
        "as far as known none of your other contacts knows them ({links} links): a new circle",
        "voor zover bekend kent geen van je andere contacten deze persoon ({links} verbindingen): "
        "een nieuwe kring",
    ),
    "invitation.circle": (
        "reaches other circles: {outside:.0%} of their links to your contacts ({links}) leave "
        "their cluster",
        "reikt naar andere kringen: {outside:.0%} van de verbindingen met je contacten ({links}) "
        "gaat buiten het eigen cluster",
    ),
    "invitation.same_circle": (
        "more of the same: {inside:.0%} of their links to your contacts ({links}) stay within "
        "their cluster",
        "meer van hetzelfde: {inside:.0%} van de verbindingen met je contacten ({links}) blijft "
        "binnen het eigen cluster",
    ),
    "invitation.sector_new": (
        "a sector new to your network: {sector} ({count} other contacts)",
        "een sector die nieuw is in je netwerk: {sector} ({count} andere contacten)",
    ),
    "invitation.sector_share": (
        "sector {sector}: shared with {count} of your contacts ({share:.0%})",
        "sector {sector}: gedeeld met {count} van je contacten ({share:.0%})",
    ),
    "invitation.message": (
        "personal message ({chars} characters)",
        "persoonlijk bericht ({chars} tekens)",
    ),
    "invitation.pitch": (
        "the message sells something, so it counts as no personal message (worth {weight:.2f} of "
        "the score)",
        "het bericht verkoopt iets en telt dus niet als persoonlijk bericht (goed voor "
        "{weight:.2f} van de score)",
    ),
    "invitation.boilerplate": (
        "only LinkedIn's standard text, no personal message (worth {weight:.2f} of the score)",
        "alleen de standaardtekst van LinkedIn, geen persoonlijk bericht (goed voor {weight:.2f} "
        "van de score)",
    ),
    "invitation.no_message": (
        "no personal message (worth {weight:.2f} of the score)",
        "geen persoonlijk bericht (goed voor {weight:.2f} van de score)",
    ),
    "invitation.score": (
        "score {score:.2f}: accept from {accept:.2f}, look closer from {look_closer:.2f}",
        "score {score:.2f}: accepteren vanaf {accept:.2f}, nader bekijken vanaf {look_closer:.2f}",
    ),
    # --- advice: introductions
    "introduction.offer": (
        "{needs} needs {topic}; {offers} offers {offered} (match {similarity:.0%})",
        "{needs} zoekt {topic}; {offers} biedt {offered} aan (overeenkomst {similarity:.0%})",
    ),
    "introduction.role": (
        "{needs} needs {topic}; {offers} works as {offered} (match {similarity:.0%})",
        "{needs} zoekt {topic}; {offers} werkt als {offered} (overeenkomst {similarity:.0%})",
    ),
    "introduction.sector": (
        "{needs} needs {topic}; {offers} works in {offered} (match {similarity:.0%})",
        "{needs} zoekt {topic}; {offers} werkt in de sector {offered} "
        "(overeenkomst {similarity:.0%})",
    ),
    "introduction.credibility": (
        "Your weaker tie of the two is with {weaker} (strength {strength:.2f}); "
        "an introduction spends your credibility with both",
        "De zwakste van je twee banden is die met {weaker} (sterkte {strength:.2f}); "
        "een introductie kost je geloofwaardigheid bij allebei",
    ),
    "introduction.brokerage": (
        "They are in different circles of your network (circle {cluster_needs}: {circle_needs}; "
        "circle {cluster_offers}: {circle_offers}) and do not know each other: you bridge a gap",
        "Ze zitten in verschillende kringen van je netwerk (kring {cluster_needs}: "
        "{circle_needs}; kring {cluster_offers}: {circle_offers}) en kennen elkaar niet: "
        "jij slaat een brug",
    ),
    "introduction.same_circle": (
        "Both are in circle {cluster}: {circle}; they may well meet without you",
        "Beiden zitten in kring {cluster}: {circle}; ze komen elkaar misschien ook zonder jou "
        "tegen",
    ),
    "introduction.no_circle": (
        "{name} is in none of your circles, so whether this bridges two groups is unknown "
        "(counted as {brokerage:.1f})",
        "{name} hoort bij geen van je kringen, dus of dit twee groepen verbindt is onbekend "
        "(geteld als {brokerage:.1f})",
    ),
    "introduction.give_back": (
        "You owe {name} (received {received}, given {given}); this introduction gives "
        "something back",
        "Je staat bij {name} in het krijt (ontvangen {received}, gegeven {given}); met deze "
        "introductie doe je iets terug",
    ),
    "introduction.goal": (
        "{name} matters for your goal {goal} (relevance {relevance:.2f}); helping strengthens "
        "that tie",
        "{name} telt mee voor je doel {goal} (relevantie {relevance:.2f}); door te helpen "
        "versterk je die band",
    ),
    "ledger.owe": (
        "{name} gave you more than you gave back (received {received}, given {given}): time to "
        "give something back; reciprocity keeps a tie alive",
        "{name} gaf jou meer dan jij teruggaf (ontvangen {received}, gegeven {given}): tijd om "
        "iets terug te doen; wederkerigheid houdt een band levend",
    ),
    "ledger.ahead": (
        "You gave {name} more than you received (given {given}, received {received})",
        "Je gaf {name} meer dan je terugkreeg (gegeven {given}, ontvangen {received})",
    ),
    "ledger.even": (
        "Giving and receiving with {name} are in balance ({given} each way)",
        "Geven en nemen met {name} zijn in evenwicht ({given} keer over en weer)",
    ),
    "ledger.last_given": (
        "You last gave something on {date} ({days} days ago)",
        "Je gaf voor het laatst iets op {date} ({days} dagen geleden)",
    ),
    # --- advice: weekly plan
    "invitations.title": ("Pending invitations", "Openstaande uitnodigingen"),
    "invitations.none": ("No pending invitations.", "Geen openstaande uitnodigingen."),
    "decision.accept": ("accept", "accepteren"),
    "decision.ignore": ("ignore", "negeren"),
    "decision.look_closer": ("look closer", "beter bekijken"),
    "introductions.none": (
        "No introductions found: record what contacts need and offer (needs/offers).",
        "Geen introducties gevonden: leg vast wat contacten zoeken en bieden.",
    ),
    "report.ledger": (
        "Give and take: where you have given little",
        "Geven en nemen: waar je weinig hebt teruggegeven",
    ),
    "col.decision": ("Decision", "Besluit"),
    "col.score": ("Score", "Score"),
    "col.needs": ("Needs", "Zoekt"),
    "col.offers": ("Offers", "Biedt"),
    "col.topic": ("Topic", "Onderwerp"),
    "col.given": ("Given", "Gegeven"),
    "col.received": ("Received", "Ontvangen"),
    "col.balance": ("Balance", "Saldo"),
    "plan.title": ("Your week, {start} to {end}", "Je week, {start} tot en met {end}"),
    "plan.nothing_due": ("Nobody is due this week.", "Deze week is niemand aan de beurt."),
    "plan.reactivate": (
        "silent for {days} days: get back in touch",
        "{days} dagen stil: neem weer contact op",
    ),
    "plan.due": (
        "last contact {days} days ago, cadence every {cadence} days",
        "laatste contact {days} dagen geleden, ritme elke {cadence} dagen",
    ),
    "plan.never": (
        "no contact recorded yet, cadence every {cadence} days",
        "nog geen contact vastgelegd, ritme elke {cadence} dagen",
    ),
    "plan.action.reactivate": ("reactivate", "opnieuw oppakken"),
    "plan.action.focus": ("invest", "investeren"),
    "plan.action.maintain": ("keep warm", "warm houden"),
    "plan.introductions": ("Introductions to make", "Mensen om aan elkaar voor te stellen"),
    "col.action": ("Action", "Actie"),
    "col.context": ("Context", "Context"),
    "col.contacts": ("Contacts", "Contacten"),
    "col.class": ("Class", "Klasse"),
    "col.goal": ("Goal", "Doel"),
    "col.goal_class": ("Kind", "Soort"),
    "col.priority": ("Priority", "Prioriteit"),
    "col.targets": ("Targets", "Doelgroep"),
    "col.series": ("Event series", "Evenementenreeks"),
    "series.col.id": ("Id", "Id"),
    "series.col.occurrences": ("Dates", "Data"),
    "series.col.evidence": ("Why an event", "Waarom een evenement"),
    "series.col.review": ("Your word", "Jouw oordeel"),
    "series.evidence.title": ("title names it ({word})", "titel noemt het ({word})"),
    "series.evidence.location": ("a place", "een locatie"),
    "series.evidence.guests": (
        "{count} guests from outside your organisation",
        "{count} gasten van buiten je organisatie",
    ),
    "series.evidence.category": (
        "category {category}, chosen by you",
        "categorie {category}, door jou gekozen",
    ),
    "series.evidence.confirmed": ("a series you confirmed", "een reeks die je bevestigde"),
    "series.evidence.none": (
        "none recorded (entered by you, or imported before evidence was kept)",
        "niet vastgelegd (door jou ingevoerd, of geïmporteerd voordat bewijs werd bewaard)",
    ),
    "series.review.none": ("not reviewed", "nog niet beoordeeld"),
    "series.review.confirmed": ("confirmed", "bevestigd"),
    "series.review.rejected": ("rejected", "afgewezen"),
    "series.none": ("No event series yet.", "Nog geen evenementenreeksen."),
    "series.hint": (
        "Confirm a networking event with tiewise events confirm ID; reject what is none with "
        "tiewise events reject ID (it leaves event advice and a re-import leaves it out).",
        "Bevestig een netwerkevenement met tiewise events confirm ID; wijs af wat er geen is met "
        "tiewise events reject ID (het verdwijnt uit het evenementenadvies en een nieuwe import "
        "laat het weg).",
    ),
    "series.web_heading": ("Series found in calendars", "Reeksen uit je agenda"),
    "series.web_hint": (
        "Confirm what is a networking event; reject what is not: a rejected series leaves the "
        "event advice and a re-import leaves it out.",
        "Bevestig wat een netwerkevenement is; wijs af wat het niet is: een afgewezen reeks "
        "verdwijnt uit het evenementenadvies en een nieuwe import laat haar weg.",
    ),
    "series.confirm": ("Confirm", "Bevestigen"),
    "series.reject": ("Reject", "Afwijzen"),
    "series.confirmed": (
        "Confirmed: {name} is a networking event.",
        "Bevestigd: {name} is een netwerkevenement.",
    ),
    "series.rejected": (
        "Rejected: {name} is no longer an event; a re-import leaves it out.",
        "Afgewezen: {name} is geen evenement meer; een nieuwe import laat het weg.",
    ),
    "series.not_found": (
        "expected the id or name of an event series (tiewise events series), found {found}",
        "verwachtte het id of de naam van een evenementenreeks (tiewise events series), "
        "gevonden: {found}",
    ),
    "col.visits": ("Visits", "Bezoeken"),
    "col.hours": ("Hours", "Uren"),
    "col.cost": ("Cost (€)", "Kosten (€)"),
    "col.enjoyment": ("Enjoyment", "Plezier"),
    "col.outcomes": ("Outcomes", "Opbrengsten"),
    "col.id": ("Id", "Id"),
    "col.name": ("Name", "Naam"),
    "col.organisation": ("Organisation", "Organisatie"),
    "col.strength": ("Strength", "Sterkte"),
    "col.interactions": ("Interactions", "Contactmomenten"),
    "col.last": ("Last contact", "Laatste contact"),
    "class.strong": ("strong", "sterk"),
    "class.medium": ("medium", "middel"),
    "class.weak": ("weak", "zwak"),
    "class.dormant": ("dormant", "slapend"),
    "class.unknown": ("not yet known", "nog onbekend"),
    "goalclass.expressive": ("expressive", "expressief"),
    "goalclass.instrumental": ("instrumental", "instrumenteel"),
    "goalclass.mixed": ("mixed", "gemengd"),
    "context.none": ("(no context)", "(geen context)"),
    "demo.written": (
        "Demo network (seed {seed}) written to {db}.",
        "Demonetwerk (seed {seed}) geschreven naar {db}.",
    ),
    "contact.added": ("Added contact {name} (id {id}).", "Contact {name} toegevoegd (id {id})."),
    "contact.updated": ("Updated contact {name}.", "Contact {name} bijgewerkt."),
    "report.written": ("Report written to {path}.", "Rapport geschreven naar {path}."),
    "chart.caption_yield": (
        "Value per hour of each event series, with its 90 % interval",
        "Waarde per uur van elke evenementenreeks, met het 90%-interval",
    ),
    "chart.caption_hours": (
        "Hours at events per month, by verdict",
        "Uren op evenementen per maand, per oordeel",
    ),
    "erase.placeholder": ("[erased]", "[gewist]"),
    "erase.title": ("Erasure of {name}", "Wissen van {name}"),
    "erase.what": ("what", "wat"),
    "erase.count": ("number", "aantal"),
    "erase.records": (
        "contact records (merged ones included)",
        "contactrecords (samengevoegde inbegrepen)",
    ),
    "erase.identifiers": ("identifiers", "kenmerken"),
    "erase.notes": ("notes and stories", "notities en verhalen"),
    "erase.interactions": ("interactions with only them", "contactmomenten met alleen hen"),
    "erase.shared_interactions": (
        "shared interactions (kept, without them)",
        "gedeelde contactmomenten (bewaard, zonder hen)",
    ),
    "erase.links": ("links with other contacts", "verbindingen met andere contacten"),
    "erase.encounters": ("meetings at events", "ontmoetingen op evenementen"),
    "erase.exchanges": ("exchanges", "uitwisselingen"),
    "erase.invitations": ("invitations", "uitnodigingen"),
    "erase.outcomes": (
        "links to outcomes (outcomes kept)",
        "koppelingen aan resultaten (resultaten bewaard)",
    ),
    "erase.mentions": (
        "Mentions in other records (name, name parts, e-mail, phone, profile URL) replaced: "
        "{count}.",
        "Vermeldingen in andere gegevens (naam, delen van de naam, e-mail, telefoon, "
        "profiel-URL) vervangen: {count}.",
    ),
    "erase.kind.email": ("e-mail address", "e-mailadres"),
    "erase.kind.phone": ("phone number", "telefoonnummer"),
    "erase.kind.profile_url": ("profile URL", "profiel-URL"),
    "erase.kind.name": ("full name", "volledige naam"),
    "erase.kind.given_name": ("given name", "voornaam"),
    "erase.kind.family_name": ("family name", "achternaam"),
    "erase.mentions_left": (
        "Left, because it may mean someone or something else — check by hand:",
        "Blijven staan, omdat het iemand of iets anders kan betekenen — kijk na:",
    ),
    "erase.left": ("{place}: {name} — may mean {names}", "{place}: {name} — kan {names} zijn"),
    "erase.left_lower": (
        "{place}: {name} — in lower case, may be the word",
        "{place}: {name} — in kleine letters, kan het woord zijn",
    ),
    "erase.key_missing": (
        "The key of earlier erasures was missing (keyring or key file): a new one was made, and "
        "people erased before could come back on a re-import. See docs/privacy.md.",
        "De sleutel van eerdere wissingen ontbrak (sleutelbos of sleutelbestand): er is een "
        "nieuwe gemaakt, en eerder gewiste personen kunnen bij een nieuwe import terugkomen. "
        "Zie docs/privacy.md.",
    ),
    "erase.dry_run": (
        "Nothing has been erased yet. To erase {name}, repeat with --yes.",
        "Er is nog niets gewist. Herhaal met --yes om {name} te wissen.",
    ),
    "erase.files_not_cleared": (
        "Another program has the database open (tiewise serve?): the erased data is gone from "
        "the database, but may stay readable in its files until that program closes it.",
        "Een ander programma heeft de database open (tiewise serve?): de gewiste gegevens zijn "
        "uit de database verdwenen, maar kunnen in de bestanden leesbaar blijven tot dat "
        "programma de database sluit.",
    ),
    "erase.done": (
        "{name} is erased. Later imports leave this person out.",
        "{name} is gewist. Latere imports laten deze persoon weg.",
    ),
    "note.added": ("Note added for {name}.", "Notitie toegevoegd voor {name}."),
    "story.added": ("Story added for {name}.", "Verhaal toegevoegd voor {name}."),
    "me.saved": ("Saved: {name}.", "Opgeslagen: {name}."),
    "contacts.none": (
        "No contacts yet. Try: tiewise demo",
        "Nog geen contacten. Probeer: tiewise demo",
    ),
    "show.identifiers": ("Identifiers", "Kenmerken"),
    "show.tie": ("Tie", "Band"),
    "show.sources": ("Sources", "Bronnen"),
    "show.source": (
        "{source} {file}, line {lines} (recorded {day})",
        "{source} {file}, regel {lines} (vastgelegd {day})",
    ),
    "show.notes": ("Notes", "Notities"),
    "show.stories": ("Stories", "Verhalen"),
    "show.closeness": ("self-rated closeness {value}/5", "zelf ingeschatte nabijheid {value}/5"),
    "show.contexts": ("contexts: {value}", "contexten: {value}"),
    "show.met": ("met: {value}", "leren kennen: {value}"),
    "show.status": ("status: {value}", "status: {value}"),
    "show.interactions": (
        "{count} interactions, the last on {last}",
        "{count} contactmomenten, het laatste op {last}",
    ),
    "show.strength": (
        "Strength {value:.2f} ({tie_class}), because",
        "Sterkte {value:.2f} ({tie_class}), omdat",
    ),
    "import.reading": ("Reading", "Inlezen"),
    "import.writing": ("Writing", "Wegschrijven"),
    "import.summary": ("Import", "Import"),
    "import.added": ("added", "toegevoegd"),
    "import.updated": ("updated", "bijgewerkt"),
    "import.merged": ("merged", "samengevoegd"),
    "import.skipped": ("skipped", "overgeslagen"),
    "import.erased": (
        "Records left out because their person was erased earlier: {count}.",
        "Weggelaten omdat de persoon eerder is gewist: {count}.",
    ),
    "import.contacts": ("new contacts", "nieuwe contacten"),
    "import.interactions": ("new interactions", "nieuwe contactmomenten"),
    "import.links": ("links", "verbindingen"),
    "import.warning": ("warning:", "waarschuwing:"),
    "import.more_warnings": ("… and {count} more", "… en nog {count}"),
    "import.file": ("file", "bestand"),
    "import.kind": ("records", "soort"),
    "import.read": ("read", "gelezen"),
    "import.unchanged": ("unchanged", "ongewijzigd"),
    "import.conflicts": ("conflicts", "conflicten"),
    "import.errors": ("errors", "fouten"),
    "import.total": ("total", "totaal"),
    "import.kind.people": ("people", "personen"),
    "import.kind.interactions": ("interactions", "contactmomenten"),
    "import.kind.exchanges": ("exchanges", "uitwisselingen"),
    "import.kind.invitations": ("invitations", "uitnodigingen"),
    "import.kind.occurrences": ("event dates", "evenementdata"),
    "import.kind.other": ("other rows", "overige regels"),
    "import.adds_up": (
        "Every record read is accounted for: read = added + updated + unchanged + merged + "
        "skipped + conflicts + errors.",
        "Elk gelezen record is verantwoord: gelezen = toegevoegd + bijgewerkt + ongewijzigd + "
        "samengevoegd + overgeslagen + conflicten + fouten.",
    ),
    "import.breakdown": (
        "New contacts: {contacts} · new interactions: {interactions} · links: {links}",
        "Nieuwe contacten: {contacts} · nieuwe contactmomenten: {interactions} · "
        "verbindingen: {links}",
    ),
    "import.merges": (
        "Merged (record → whom it joined: why):",
        "Samengevoegd (record → met wie: waarom):",
    ),
    "import.skips": ("Skipped (why):", "Overgeslagen (waarom):"),
    "import.conflict_list": (
        "Conflicts to review — they carry your e-mail address or phone number but name someone "
        "else; nothing was written for them:",
        "Conflicten om na te kijken — ze dragen uw e-mailadres of telefoonnummer maar noemen "
        "iemand anders; er is niets van opgeslagen:",
    ),
    "import.conflict_hint": (
        "Is it someone else (a partner sharing your home number)? Add them with tiewise contact "
        "add. Is it you under another name? Then there is nothing to do.",
        "Is het iemand anders (een partner met hetzelfde huisnummer)? Voeg die toe met tiewise "
        "contact add. Bent u het onder een andere naam? Dan hoeft er niets te gebeuren.",
    ),
    "import.more_details": (
        "… and {count} more (--json lists them all)",
        "… en nog {count} (--json geeft ze allemaal)",
    ),
    "merge.done": ("Merged {merged} into {survivor}.", "{merged} samengevoegd met {survivor}."),
    "merge.none": ("No suggested merges.", "Geen voorstellen om samen te voegen."),
    "merge.prompt": (
        "[m]erge, [k]eep apart, [s]kip, [q]uit",
        "[m] samenvoegen, [k] gescheiden houden, [s] overslaan, [q] stoppen",
    ),
    "merge.same_name": (
        "same name ({name}; particles and accents ignored)",
        "dezelfde naam ({name}; tussenvoegsels en accenten genegeerd)",
    ),
    "merge.similar_names": (
        "names {similarity}% similar (token sort ratio, particles ignored)",
        "namen {similarity}% gelijk (token sort ratio, tussenvoegsels genegeerd)",
    ),
    "merge.same_organisation": (
        "same organisation ({organisation})",
        "dezelfde organisatie ({organisation})",
    ),
    "merge.same_domain": (
        "same e-mail domain ({domain})",
        "hetzelfde e-maildomein ({domain})",
    ),
    "merge.domain_matches": (
        "e-mail domain {domain} matches the organisation {organisation}",
        "e-maildomein {domain} past bij de organisatie {organisation}",
    ),
    "merge.different_emails": (
        "different e-mail addresses at the same organisation ({a} and {b})",
        "verschillende e-mailadressen bij dezelfde organisatie ({a} en {b})",
    ),
    "merge.different_profiles": (
        "two different profiles on {site}",
        "twee verschillende profielen op {site}",
    ),
    "merge.different_organisations": (
        "different organisations recorded ({a} and {b})",
        "verschillende organisaties vastgelegd ({a} en {b})",
    ),
    "merge.against": ("{evidence} (speaks against)", "{evidence} (pleit ertegen)"),
    "merge.score": ("score {score:.1f}", "score {score:.1f}"),
    "merge.evidence_for": ("For", "Voor"),
    "merge.evidence_against": ("Against", "Tegen"),
    "unmerge.done": ("Restored contact(s) {ids}.", "Contact(en) {ids} hersteld."),
    "rate.now": (
        "now {strength:.2f} ({tie_class}); {count} interactions, the last on {last}",
        "nu {strength:.2f} ({tie_class}); {count} contactmomenten, het laatste op {last}",
    ),
    "rate.prompt": (
        "How close do you feel? 1 (distant) … 5 (very close), s skip, q quit:",
        "Hoe dicht voel je je bij deze persoon? 1 (ver) … 5 (heel dichtbij), s overslaan, "
        "q stoppen:",
    ),
    "rate.done": ("{count} ties rated.", "{count} banden beoordeeld."),
    "analysis.unclustered": ("not clustered", "niet geclusterd"),
    "col.cluster": ("Cluster", "Cluster"),
    "col.weak_medium": ("weak/medium", "zwak/middel"),
    "col.density": ("Density", "Dichtheid"),
    "attribute.sector": ("sector", "sector"),
    "attribute.role": ("role", "rol"),
    "attribute.region": ("region", "regio"),
    "attribute.organisation": ("organisation", "organisatie"),
    "attribute.context": ("context", "context"),
    "measure.written": (
        "Measures for {count} nodes written to {file}.",
        "Maten voor {count} knopen geschreven naar {file}.",
    ),
    "events.yield": (
        "€{value:.0f} per hour (90% interval €{low:.0f}–€{high:.0f}) over {visits} visits, "
        "{hours} hours",
        "€ {value:.0f} per uur (90%-interval € {low:.0f}–€ {high:.0f}) over {visits} bezoeken, "
        "{hours} uur",
    ),
    "events.yield_prior": (
        "no visits yet: the €{value:.0f} per hour (€{low:.0f}–€{high:.0f}) is a prior from your "
        "other series, not a measurement",
        "nog niet bezocht: de € {value:.0f} per uur (€ {low:.0f}–€ {high:.0f}) is een "
        "voorafschatting uit je andere reeksen, geen meting",
    ),
    "events.yield_none": (
        "{visits} visits ({hours} hours), no outcome yet: at most €{high:.0f} per hour (the "
        "top of the 90% interval)",
        "{visits} bezoeken ({hours} uur), nog geen opbrengst: hoogstens € {high:.0f} per uur "
        "(de bovenkant van het 90%-interval)",
    ),
    "events.yield_none_1": (
        "1 visit ({hours} hours), no outcome yet: at most €{high:.0f} per hour (the top of the "
        "90% interval)",
        "1 bezoek ({hours} uur), nog geen opbrengst: hoogstens € {high:.0f} per uur (de "
        "bovenkant van het 90%-interval)",
    ),
    "events.cell.no_visits": ("no visits yet", "nog niet bezocht"),
    "events.cell.no_outcome": (
        "{visits} visits, no outcome yet",
        "{visits} bezoeken, nog geen opbrengst",
    ),
    "events.cell.no_outcome_1": (
        "{visits} visit, no outcome yet",
        "{visits} bezoek, nog geen opbrengst",
    ),
    "events.cell.value": (
        "{value:.0f} [{low:.0f}–{high:.0f}]",
        "{value:.0f} [{low:.0f}–{high:.0f}]",
    ),
    "events.no_visits": (
        "never visited: try it once to measure it against your threshold of €{threshold:.0f} "
        "per hour",
        "nog nooit bezocht: probeer het één keer om het te meten aan je drempel van "
        "€ {threshold:.0f} per uur",
    ),
    "events.likely_above": (
        "€{value:.0f} per hour after {visits} visits is above your threshold of "
        "€{threshold:.0f}, but the interval still reaches down to €{low:.0f}: keep going, not "
        "yet certain",
        "€ {value:.0f} per uur na {visits} bezoeken ligt boven je drempel van € {threshold:.0f}, "
        "maar het interval reikt nog tot € {low:.0f}: blijf gaan, nog niet zeker",
    ),
    "events.new_contacts": (
        "credibly more new contacts who serve your goals than at your events overall (at least "
        "{low} per hour against {overall}): at mixers most people meet whom they already know "
        "(Ingram & Morris 2007), here you do not — worth going for them",
        "aantoonbaar meer nieuwe contacten die je doelen dienen dan op je evenementen samen "
        "(minstens {low} per uur tegen {overall}): op borrels spreken de meesten vooral wie ze "
        "al kennen (Ingram & Morris 2007), hier niet — de moeite waard om hen",
    ),
    "events.new_contacts_usual": (
        "the new contacts who serve your goals ({per_hour} per hour, perhaps as few as {low}) "
        "are not credibly more than at your events overall ({overall} per hour), so they do not "
        "make up for the low yield",
        "de nieuwe contacten die je doelen dienen ({per_hour} per uur, misschien maar {low}) "
        "zijn er niet aantoonbaar meer dan op je evenementen samen ({overall} per uur), dus ze "
        "maken de lage opbrengst niet goed",
    ),
    "events.uncredited": (
        "{count} outcomes recorded, none traced to an event: give the event (--event) or the "
        "person you met there (--contact)",
        "{count} opbrengsten vastgelegd, geen enkele herleid tot een evenement: geef het "
        "evenement (--event) of de persoon die je er sprak (--contact)",
    ),
    "events.nothing_yet": (
        "nothing came of {visits} visits, though that is not yet credibly below your threshold "
        "of €{threshold:.0f} per hour (up to €{high:.0f}): probably not worth it",
        "{visits} bezoeken leverden niets op, al is dat nog niet aantoonbaar onder je drempel "
        "van € {threshold:.0f} per uur (tot € {high:.0f}): waarschijnlijk niet de moeite",
    ),
    "events.probably_below": (
        "€{value:.0f} per hour after {visits} visits is below your threshold of "
        "€{threshold:.0f}, though not credibly (up to €{high:.0f}): probably not worth it",
        "€ {value:.0f} per uur na {visits} bezoeken ligt onder je drempel van "
        "€ {threshold:.0f}, al niet aantoonbaar (tot € {high:.0f}): waarschijnlijk niet de moeite",
    ),
    "events.no_outcomes": (
        "no outcomes recorded yet: log them with tiewise events outcome",
        "nog geen opbrengsten vastgelegd: leg ze vast met tiewise events outcome",
    ),
    "events.fun": (
        "you enjoy it ({enjoyment} of 5, {fun} times fun) and fun is one of your goals",
        "je geniet ervan ({enjoyment} van 5, {fun} keer plezier) en plezier is een van je doelen",
    ),
    "events.enjoyed": (
        "and you enjoy it ({enjoyment} of 5)",
        "en je geniet ervan ({enjoyment} van 5)",
    ),
    "events.above": (
        "credibly above your threshold of €{threshold:.0f} per hour (at least €{low:.0f})",
        "aantoonbaar boven je drempel van € {threshold:.0f} per uur (minstens € {low:.0f})",
    ),
    "events.below": (
        "credibly below your threshold of €{threshold:.0f} per hour (at most €{high:.0f})",
        "aantoonbaar onder je drempel van € {threshold:.0f} per uur (hoogstens € {high:.0f})",
    ),
    "events.not_credibly": (
        "not credibly below your threshold of €{threshold:.0f} per hour",
        "niet aantoonbaar onder je drempel van € {threshold:.0f} per uur",
    ),
    "events.few_visits": (
        "only {visits} visits: too early to tell — not credibly below your threshold of "
        "€{threshold:.0f} per hour (up to €{high:.0f})",
        "pas {visits} bezoeken: te vroeg om te zeggen — niet aantoonbaar onder je drempel van "
        "€ {threshold:.0f} per uur (tot € {high:.0f})",
    ),
    "events.known_met": (
        "{share:.0%} of the {met} people you met there you already knew (Ingram & Morris 2007)",
        "{share:.0%} van de {met} mensen die je er sprak kende je al (Ingram & Morris 2007)",
    ),
    "events.habit": (
        "{visits} visits in the last 12 months; using one network more than about three times a "
        "year tends to be counter-productive (Watson 2007)",
        "{visits} bezoeken in de afgelopen 12 maanden; één netwerk vaker dan ongeveer drie keer "
        "per jaar gebruiken werkt eerder averechts (Watson 2007)",
    ),
    "events.stopped": (
        "you have not gone in the last 12 months — keep it that way",
        "je bent er de afgelopen 12 maanden niet geweest — houd dat zo",
    ),
    "upcoming.expected": (
        "expected €{value:.0f} per hour for about {hours} hours; your threshold is "
        "€{threshold:.0f}",
        "verwacht € {value:.0f} per uur voor ongeveer {hours} uur; je drempel is € {threshold:.0f}",
    ),
    "upcoming.keep": ("this series is worth your time", "deze reeks is je tijd waard"),
    "upcoming.keep_uncertain": (
        "likely worth your time after {visits} visits, not yet certain",
        "na {visits} bezoeken waarschijnlijk je tijd waard, nog niet zeker",
    ),
    "upcoming.new_contacts": (
        "you meet more new people who serve your goals here than elsewhere",
        "je ontmoet hier meer nieuwe mensen die je doelen dienen dan elders",
    ),
    "upcoming.try_once": (
        "never visited: try it once",
        "nog nooit bezocht: probeer het één keer",
    ),
    "upcoming.too_early": (
        "{visits} visits so far: too early to tell, so go once more",
        "tot nu toe {visits} bezoeken: te vroeg om te zeggen, dus ga nog één keer",
    ),
    "upcoming.doubtful": (
        "probably below your threshold ({visits} visits this year): stay home",
        "waarschijnlijk onder je drempel ({visits} bezoeken dit jaar): blijf thuis",
    ),
    "upcoming.expected_prior": (
        "no visits yet, so nothing measured; about {hours} hours against your threshold of "
        "€{threshold:.0f} per hour",
        "nog niet bezocht, dus niets gemeten; ongeveer {hours} uur tegen je drempel van "
        "€ {threshold:.0f} per uur",
    ),
    "upcoming.expected_none": (
        "{visits} visits, no outcome yet; about {hours} hours; your threshold is "
        "€{threshold:.0f} per hour",
        "{visits} bezoeken, nog geen opbrengst; ongeveer {hours} uur; je drempel is "
        "€ {threshold:.0f} per uur",
    ),
    "upcoming.fun": (
        "you go for fun, and fun is one of your goals",
        "je gaat voor je plezier, en plezier is een van je doelen",
    ),
    "upcoming.explore": (
        "{visits} visits so far: the estimate is wide, so try it once",
        "tot nu toe {visits} bezoeken: de schatting is ruim, dus probeer het één keer",
    ),
    "upcoming.novel": (
        "{share:.0%} of the expected crowd is new to you: worth one try despite the low yield",
        "{share:.0%} van de verwachte bezoekers is nieuw voor je: één keer proberen waard, "
        "ondanks de lage opbrengst",
    ),
    "upcoming.skip": (
        "this series yields credibly little: stay home",
        "deze reeks levert aantoonbaar weinig op: blijf thuis",
    ),
    "upcoming.habitual_low_yield": (
        "a habit that yields little ({visits} visits this year): stay home",
        "een gewoonte die weinig oplevert ({visits} bezoeken dit jaar): blijf thuis",
    ),
    "upcoming.crowd": (
        "{expected} people expected, {new} new to you, {segment} in your goals' target groups",
        "{expected} mensen verwacht, {new} nieuw voor je, {segment} in de doelgroep van je doelen",
    ),
    "upcoming.new_sectors": (
        "would add sectors you know no one in: {sectors}",
        "voegt sectoren toe waarin je niemand kent: {sectors}",
    ),
    "verdict.keep": ("keep", "aanhouden"),
    "verdict.fun": ("fun", "plezier"),
    "verdict.try_once": ("try once", "één keer proberen"),
    "verdict.keep_uncertain": ("keep — not yet certain", "aanhouden — nog niet zeker"),
    "verdict.new_contacts": ("keep for the new contacts", "aanhouden om de nieuwe contacten"),
    "verdict.too_early": ("too early to tell", "te vroeg om te zeggen"),
    "verdict.doubtful": ("probably below — stay home", "waarschijnlijk te weinig — blijf thuis"),
    "verdict.skip": ("skip", "overslaan"),
    "verdict.habitual_low_yield": ("habitual low yield", "gewoonte, lage opbrengst"),
    "action.attend": ("attend", "gaan"),
    "action.skip": ("skip", "overslaan"),
    "action.try_once": ("try once", "één keer proberen"),
    "events.title": (
        "Event series: value per hour, 90% interval (threshold €{threshold:.0f} per hour, "
        "{source})",
        "Evenementenreeksen: waarde per uur, 90%-interval (drempel € {threshold:.0f} per uur, "
        "{source})",
    ),
    "events.threshold.set": ("set by you", "door jou ingesteld"),
    "events.threshold.median": ("your own median", "je eigen mediaan"),
    "events.threshold.default": (
        "tiewise's default: fewer than 3 outcomes credited to your events for a median of your "
        "own — set yours with tiewise events values --threshold EUR",
        "standaard van tiewise: minder dan 3 opbrengsten toegeschreven aan je evenementen voor "
        "een eigen mediaan — stel je eigen drempel in met tiewise events values --threshold EUR",
    ),
    "chart.prior": ("prior, no visits yet", "voorafschatting, nog niet bezocht"),
    "error.threshold": (
        "expected euros per hour, 0 or more, found '{found}'",
        "verwacht euro per uur, 0 of meer, gevonden: '{found}'",
    ),
    "events.saved": (
        "Staying home saved {saved:.0f} hours in the last 12 months at events that yield little "
        "(you spent {attended:.0f} hours at events; {missed:.0f} hours skipped at events worth "
        "keeping).",
        "Thuisblijven bespaarde je {saved:.0f} uur in de afgelopen 12 maanden bij evenementen die "
        "weinig opleveren (je besteedde {attended:.0f} uur aan evenementen; {missed:.0f} uur "
        "overgeslagen bij evenementen die het waard zijn).",
    ),
    "events.charts": ("Charts: {paths}", "Grafieken: {paths}"),
    "upcoming.title": ("Upcoming events", "Komende evenementen"),
    "upcoming.none": ("No upcoming events recorded.", "Geen komende evenementen vastgelegd."),
    "col.verdict": ("Verdict", "Oordeel"),
    "col.value_hour": ("€/hour [90%]", "€/uur [90%]"),
    "col.date": ("Date", "Datum"),
    "chart.value_per_hour": ("€ per hour (90% interval)", "€ per uur (90%-interval)"),
    "chart.value_per_hour_log": (
        "€ per hour (90% interval), log scale: each step is 10 times the last",
        "€ per uur (90%-interval), logaritmische schaal: elke stap is 10 keer de vorige",
    ),
    "chart.yield_title": (
        "What each event series yields (threshold €{threshold:.0f} per hour)",
        "Wat elke evenementenreeks oplevert (drempel € {threshold:.0f} per uur)",
    ),
    "chart.hours_title": (
        "Hours at events per month ({saved:.0f} hours saved in the last 12 months)",
        "Uren aan evenementen per maand ({saved:.0f} uur bespaard in de afgelopen 12 maanden)",
    ),
    "events.added": (
        "{added} occurrences added, {skipped} already recorded.",
        "{added} keer toegevoegd, {skipped} al vastgelegd.",
    ),
    "events.reconfirmed": (
        "{name} was rejected as a networking event; adding to it by hand confirms it again "
        "(tiewise events reject to undo).",
        "{name} was afgewezen als netwerkevenement; door er zelf iets aan toe te voegen is het "
        "weer bevestigd (tiewise events reject om dat terug te draaien).",
    ),
    "events.logged": (
        "{series} on {day}: {status}; {met} people met ({first} for the first time).",
        "{series} op {day}: {status}; {met} mensen gesproken ({first} voor het eerst).",
    ),
    "events.outcome_added": (
        "Outcome {id} recorded: {kind}.",
        "Opbrengst {id} vastgelegd: {kind}.",
    ),
    "events.threshold_is": (
        "Threshold: €{threshold:.0f} per hour (set by you).",
        "Drempel: € {threshold:.0f} per uur (door jou ingesteld).",
    ),
    "events.threshold_median": (
        "Threshold: your own median value per hour over the series you visited (€25 per hour, "
        "tiewise's default, while fewer than 3 outcomes are credited to your events).",
        "Drempel: je eigen mediaan van de waarde per uur over de reeksen die je bezocht (€ 25 "
        "per uur, de standaard van tiewise, zolang minder dan 3 opbrengsten aan je evenementen "
        "zijn toegeschreven).",
    ),
    "status.attended": ("attended", "bezocht"),
    "status.skipped": ("skipped", "overgeslagen"),
    "status.planned": ("planned", "gepland"),
    "col.organiser": ("Organiser", "Organisator"),
    "col.occurrences": ("Occurrences", "Keren"),
    "col.last_visit": ("Last visit", "Laatste bezoek"),
    "col.next": ("Next", "Volgende"),
    "plan.events": ("Events this week", "Evenementen deze week"),
    "serve.open": (
        "tiewise is running at {url} — stop with Ctrl+C",
        "tiewise draait op {url} — stoppen met Ctrl+C",
    ),
    "serve.also": (
        "from other devices (the same token): {urls}",
        "vanaf andere apparaten (hetzelfde token): {urls}",
    ),
    # --- recording contact, decisions, needs and offers (issue: close the loop)
    "error.expected_one_of": (
        "expected one of {options}, found '{found}'",
        "verwacht een van {options}, gevonden: '{found}'",
    ),
    "error.expected_date": (
        "expected a date YYYY-MM-DD (or YYYY-MM-DD HH:MM), found '{found}'",
        "verwacht een datum JJJJ-MM-DD (of JJJJ-MM-DD UU:MM), gevonden: '{found}'",
    ),
    "error.future": (
        "expected a moment on or before today ({today}) — it has happened; found '{found}'",
        "verwacht een moment op of vóór vandaag ({today}) — het is al gebeurd; gevonden: '{found}'",
    ),
    "error.minutes": (
        "expected a whole number of minutes from 1 to {high}, found '{found}'",
        "verwacht een heel aantal minuten van 1 tot en met {high}, gevonden: '{found}'",
    ),
    "error.no_people": (
        "expected at least one person, found none",
        "verwacht ten minste één persoon, niemand gevonden",
    ),
    "error.already_logged": (
        "this contact is already recorded (interaction {id}); remove it first to change it",
        "dit contact is al vastgelegd (contactmoment {id}); verwijder het eerst om het te wijzigen",
    ),
    "error.imported_interaction": (
        "interaction {id} came from {source}; the next import would bring it back — correct it "
        "at its source",
        "contactmoment {id} komt uit {source}; de volgende import zou het terugbrengen — "
        "verbeter het bij de bron",
    ),
    "error.no_contact": ("no contact matches '{name}'", "geen contact past bij '{name}'"),
    "error.no_contact_close": (
        "no contact matches '{name}'; did you mean: {listed}",
        "geen contact past bij '{name}'; bedoel je: {listed}",
    ),
    "error.several_contacts": (
        "{count} contacts match '{name}': {listed} — choose one, or give the id",
        "{count} contacten passen bij '{name}': {listed} — kies er een, of geef het id",
    ),
    "error.invitation_decided": (
        "the invitation from {name} is already {status} (so the import says); nothing to decide",
        "de uitnodiging van {name} is al {status} (volgens de import); er valt niets te beslissen",
    ),
    "error.advice_changed": (
        "the advice on {name} has changed (now: {now}); look at it again before deciding",
        "het advies over {name} is veranderd (nu: {now}); bekijk het opnieuw voor je beslist",
    ),
    "error.no_decision": ("no decision {id}", "geen besluit {id}"),
    "error.decision_undone": (
        "decision {id} was undone on {date}",
        "besluit {id} is op {date} ongedaan gemaakt",
    ),
    "error.no_invitation": (
        "no pending invitation from '{name}'",
        "geen openstaande uitnodiging van '{name}'",
    ),
    "error.several_invitations": (
        "{count} pending invitations match '{name}': {listed} — give the id",
        "{count} openstaande uitnodigingen passen bij '{name}': {listed} — geef het id",
    ),
    "error.topic_long": (
        "expected tags of at most {high} characters",
        "verwacht labels van hoogstens {high} tekens",
    ),
    "error.no_such_topic": (
        "expected tags this contact has ({listed}), found '{tags}'",
        "verwacht labels die dit contact heeft ({listed}), gevonden: '{tags}'",
    ),
    "error.no_topics": (
        "expected one or more tags, e.g. 'accountant, funding'",
        "verwacht een of meer labels, bijvoorbeeld 'boekhouder, financiering'",
    ),
    "log.done": (
        "Recorded: {kind} with {names} on {day} (interaction {id}).",
        "Vastgelegd: {kind} met {names} op {day} (contactmoment {id}).",
    ),
    "log.removed": (
        "Removed interaction {id} of {day}.",
        "Contactmoment {id} van {day} verwijderd.",
    ),
    "log.none": (
        "No contact with {name} recorded yet; record some with: tiewise log",
        "Nog geen contact met {name} vastgelegd; leg het vast met: tiewise log",
    ),
    "log.removed_person": (
        "Took {name} out of interaction {id} of {day}; the {count} others stay in it.",
        "{name} uit contactmoment {id} van {day} gehaald; de {count} anderen blijven erin.",
    ),
    "log.title": ("Contact with {name} ({count})", "Contact met {name} ({count})"),
    "col.when": ("When", "Wanneer"),
    "col.kind": ("Kind", "Soort"),
    "col.with": ("With", "Met"),
    "col.source": ("Source", "Bron"),
    "col.note": ("Note", "Notitie"),
    "col.about": ("About", "Over"),
    "col.advice": ("Advice", "Advies"),
    "col.undone": ("Undone", "Ongedaan"),
    "col.invitation": ("invitation", "uitnodiging"),
    "kind.meeting": ("meeting", "afspraak"),
    "kind.message": ("message", "bericht"),
    "kind.call": ("call", "telefoongesprek"),
    "kind.video": ("video call", "videogesprek"),
    "kind.coffee": ("coffee", "koffie"),
    "kind.meal": ("meal", "lunch of diner"),
    "kind.email": ("e-mail", "e-mail"),
    "kind.event": ("met at an event", "ontmoet op een evenement"),
    "kind.other": ("contact", "contact"),
    "action.focus": ("invest", "investeren"),
    "action.maintain": ("keep warm", "warm houden"),
    "action.reactivate": ("reactivate", "opnieuw oppakken"),
    "action.let_go": ("let go", "loslaten"),
    "verdict.accept": ("accepted", "aanvaard"),
    "verdict.dismiss": ("dismissed", "terzijde gelegd"),
    "verdict.ignore": ("ignored", "genegeerd"),
    "verdict.later": ("later", "later"),
    "invitation.accept": (
        "Accepted the invitation from {name}; they are a contact now (decision {id}).",
        "Uitnodiging van {name} aanvaard; nu een contact (besluit {id}).",
    ),
    "invitation.ignore": (
        "Ignored the invitation from {name} (decision {id}).",
        "Uitnodiging van {name} genegeerd (besluit {id}).",
    ),
    "invitation.later": (
        "The invitation from {name} comes back in four weeks (decision {id}).",
        "De uitnodiging van {name} komt over vier weken terug (besluit {id}).",
    ),
    "decisions.none": ("No decisions yet.", "Nog geen besluiten."),
    "decisions.title": ("Your decisions ({count})", "Je besluiten ({count})"),
    "decisions.undo_hint": (
        "Undo one with: tiewise decisions undo ID",
        "Maak er een ongedaan met: tiewise decisions undo ID",
    ),
    "decisions.lapsed": (
        "lapsed: the advice may come back",
        "verlopen: het advies kan terugkomen",
    ),
    "decisions.undone": ("Decision {id} undone.", "Besluit {id} ongedaan gemaakt."),
    "decisions.kept_contact": (
        "Contact {id} stays: things were recorded about them since.",
        "Contact {id} blijft: er is sindsdien iets over hen vastgelegd.",
    ),
    "decided.accept": (
        "Accepted: {action} {name} (decision {id}).",
        "Aanvaard: {name} {action} (besluit {id}).",
    ),
    "decided.not_advised": (
        "Note: this is your choice, not the advice; the advice on {name} now is: {advised}.",
        "Let op: dit is jouw keuze, niet het advies; het advies over {name} is nu: {advised}.",
    ),
    "decided.dismiss": (
        "Dismissed: {action} {name} — hidden for 8 weeks or until the figures change (decision "
        "{id}).",
        "Terzijde gelegd: {name} {action} — 8 weken verborgen of tot de cijfers veranderen "
        "(besluit {id}).",
    ),
    "topics.added": ("Added for {name}: {tags}.", "Toegevoegd voor {name}: {tags}."),
    "topics.already": (
        "{name} has these already: {tags}.",
        "{name} heeft deze al: {tags}.",
    ),
    "topics.removed": ("Removed for {name}: {tags}.", "Verwijderd voor {name}: {tags}."),
    "topics.need": ("{name} needs: {tags}", "{name} zoekt: {tags}"),
    "topics.offer": ("{name} offers: {tags}", "{name} biedt: {tags}"),
    # --- search, tags and bulk edit (issue 18)
    "col.tags": ("Tags", "Labels"),
    "show.tags": ("Tags", "Labels"),
    "contacts.no_match": ("No contact matches.", "Geen contact past."),
    "contacts.matched": ("Matching: {count}.", "Passend: {count}."),
    "tags.added": ("Tagged {name}: {tags}.", "Labels toegevoegd voor {name}: {tags}."),
    "tags.already": (
        "{name} has these tags already: {tags}.",
        "{name} heeft deze labels al: {tags}.",
    ),
    "tags.removed": ("Removed from {name}: {tags}.", "Verwijderd bij {name}: {tags}."),
    "tags.list": ("Tags of {name}: {tags}", "Labels van {name}: {tags}"),
    "bulk.field.sector": ("sector", "sector"),
    "bulk.field.region": ("region", "regio"),
    "bulk.field.organisation": ("organisation", "organisatie"),
    "bulk.field.role": ("role", "functie"),
    "bulk.plan": (
        "{count} contacts match; this changes {changed} of them:",
        "{count} contacten passen; dit verandert er {changed}:",
    ),
    "bulk.change": (
        "{field}: {before} → {after} ({count})",
        "{field}: {before} → {after} ({count})",
    ),
    "bulk.more": (
        "{field}: {values} other values → {after} ({count})",
        "{field}: {values} andere waarden → {after} ({count})",
    ),
    "bulk.tag_added": ("tag '{tag}' added to {count}", "label '{tag}' toegevoegd bij {count}"),
    "bulk.tag_removed": (
        "tag '{tag}' removed from {count}",
        "label '{tag}' weggehaald bij {count}",
    ),
    "bulk.nothing": (
        "Nothing to change: they all have these values already.",
        "Niets te veranderen: ze hebben deze waarden allemaal al.",
    ),
    "bulk.dry_run": (
        "Nothing written yet: add --yes to make these changes.",
        "Nog niets geschreven: voeg --yes toe om dit te veranderen.",
    ),
    "bulk.done": (
        "Changed {changed} of {count} contacts.",
        "{changed} van {count} contacten veranderd.",
    ),
    "bulk.confirm": (
        "{plan} Tick the box to confirm, then apply again.",
        "{plan} Vink het vakje aan om te bevestigen en pas opnieuw toe.",
    ),
    "error.bulk_none": (
        "expected at least one contact to change, found none",
        "verwacht minstens één contact om te veranderen, niemand gevonden",
    ),
    "error.bulk_whom": (
        "expected --search, --tag or --class to say whom to change, found none",
        "verwacht --search, --tag of --class om te zeggen wie er verandert, niets gevonden",
    ),
    "error.bulk_unselected": (
        "tick the contacts to change, or “all matching”",
        "vink de contacten aan die moeten veranderen, of “alle passende”",
    ),
    "error.bulk_no_edit": (
        "expected a sector, a region or a tag to set, found none",
        "verwacht een sector, een regio of een label om in te stellen, niets gevonden",
    ),
    "error.tag_empty": (
        "expected a tag, found an empty text",
        "verwacht een label, gevonden: lege tekst",
    ),
    "error.tag_long": (
        "expected a tag of at most {high} characters, found {found}",
        "verwacht een label van hoogstens {high} tekens, gevonden: {found}",
    ),
    "error.tag_missing": (
        "expected a tag {name} has ({listed}), found '{found}'",
        "verwacht een label dat {name} heeft ({listed}), gevonden: '{found}'",
    ),
    "error.too_long": (
        "expected at most {high} characters, found {found}",
        "verwacht hoogstens {high} tekens, gevonden: {found}",
    ),
    "error.assignment": (
        "expected FIELD=VALUE with FIELD one of {fields}, found {found}",
        "verwacht VELD=WAARDE met VELD een van {fields}, gevonden: {found}",
    ),
    "portfolio.needs_goal": (
        "No one to let go: without a goal there is no basis for it. Name a goal first with "
        "tiewise goals add KEY — fun and support are goals too: {choices}.",
        "Niemand om los te laten: zonder doel is daar geen grond voor. Benoem eerst een doel met "
        "tiewise goals add SLEUTEL — plezier en steun zijn ook doelen: {choices}.",
    ),
    "advice.empty": (
        "No contacts yet: import your network first — tiewise import linkedin EXPORT.zip (or "
        "vcard, csv, ics FILE); tiewise demo shows a sample.",
        "Nog geen contacten: importeer eerst je netwerk — tiewise import linkedin EXPORT.zip (of "
        "vcard, csv, ics BESTAND); tiewise demo toont een voorbeeld.",
    ),
    "error.budget": (
        "expected hours per month above 0 (default {default}), found {found}",
        "verwacht uren per maand boven 0 (standaard {default}), gevonden {found}",
    ),
    "portfolio.close_unserved": (
        "{count} close ties serve none of your named goals; they stay. Fun and support are "
        "goals too — tiewise goals add KEY: {choices}.",
        "{count} hechte banden dienen geen van je benoemde doelen; ze blijven. Plezier en steun "
        "zijn ook doelen — tiewise goals add SLEUTEL: {choices}.",
    ),
    "portfolio.close_kept": (
        "{count} close ties (rated 4–5 or strong) are never advised to be let go: they serve "
        "expressive goals (fun, support, a sounding board), named or not.",
        "{count} hechte banden (4–5 of sterk) krijgen nooit het advies los te laten: ze dienen "
        "expressieve doelen (plezier, steun, een klankbord), benoemd of niet.",
    ),
    "portfolio.accepted": ("you accepted this on {date}", "door jou aanvaard op {date}"),
    "plan.accepted": (
        "you decided on {date} to invest; no contact since",
        "je besloot op {date} te investeren; sindsdien geen contact",
    ),
    "error.required": ("this field is required", "dit veld is verplicht"),
    "error.control": (
        "expected text without control characters, found {found} ({character} at character "
        "{position})",
        "verwacht tekst zonder stuurtekens, gevonden {found} ({character} op teken {position})",
    ),
    "error.number": (
        "expected a number from {low} to {high}, found '{found}'",
        "verwacht een getal van {low} tot en met {high}, gevonden: '{found}'",
    ),
    "error.confirm_erase": (
        "tick the box to erase this person for good",
        "vink het vakje aan om deze persoon voorgoed te wissen",
    ),
    "error.custom_goal": (
        "'{key}' is not in the catalogue; another goal needs a name",
        "'{key}' staat niet in de lijst; een ander doel heeft een naam nodig",
    ),
    "error.target": (
        "expected sector=…, role=…, region=… or organisation=…, found '{found}'",
        "verwacht sector=…, role=…, region=… of organisation=…, gevonden: '{found}'",
    ),
    "saved.rating": (
        "Saved: how close you feel to {name}.",
        "Opgeslagen: hoe dicht {name} bij je staat.",
    ),
    "saved.status": ("Saved: the status of {name}.", "Opgeslagen: de status van {name}."),
    "saved.contact": ("Saved: {name}.", "Opgeslagen: {name}."),
    "saved.note": ("Saved: a note about {name}.", "Opgeslagen: een notitie over {name}."),
    "saved.erased": ("{name} is erased.", "{name} is gewist."),
    "saved.erased_replaced": (
        "Replaced in other records: {places}.",
        "Vervangen in andere gegevens: {places}.",
    ),
    "saved.erased_left": (
        "Left, may mean someone or something else — check: {places}.",
        "Blijven staan, kan iemand of iets anders zijn — kijk na: {places}.",
    ),
    "saved.goal": ("Saved: the goal {goal}.", "Opgeslagen: het doel {goal}."),
    "saved.goal_removed": ("Removed: the goal {goal}.", "Verwijderd: het doel {goal}."),
    "saved.merged": ("Merged.", "Samengevoegd."),
    "saved.kept_apart": ("Kept apart.", "Apart gehouden."),
    "saved.settings": ("Settings saved.", "Instellingen opgeslagen."),
    # --- web write paths and the first run (contactbook, serieslog, goallog, web/*_forms.py)
    "error.invalid_email": (
        "expected an e-mail address such as anouk@example.nl, found '{found}'",
        "verwacht een e-mailadres zoals anouk@voorbeeld.nl, gevonden: '{found}'",
    ),
    "error.invalid_phone": (
        "expected a phone number, found '{found}'",
        "verwacht een telefoonnummer, gevonden: '{found}'",
    ),
    "error.invalid_url": (
        "expected a profile URL such as linkedin.com/in/anouk, found '{found}'",
        "verwacht een profiel-URL zoals linkedin.com/in/anouk, gevonden: '{found}'",
    ),
    "error.identifier_taken": (
        "{value} already belongs to {name} (id {id}); edit that contact instead",
        "{value} hoort al bij {name} (id {id}); pas dat contact aan",
    ),
    "error.identifier_mine": (
        "{value} is yours (Settings, Who you are), not a contact's",
        "{value} is van jou (Instellingen, Wie je bent), niet van een contact",
    ),
    "error.expected_moment": (
        "expected a date or a date and time such as 2026-12-03 17:00, found '{found}'",
        "verwacht een datum of een datum en tijd zoals 2026-12-03 17:00, gevonden: '{found}'",
    ),
    "error.repeat": (
        "to repeat a date, give the first date and the last day",
        "om een datum te herhalen: geef de eerste datum en de laatste dag",
    ),
    "error.too_many_dates": (
        "expected at most {count} dates; choose a larger interval or an earlier last day",
        "verwacht hoogstens {count} data; kies een grotere tussenpoos of een eerdere laatste dag",
    ),
    "error.series_exists": (
        "another event series is called '{name}'",
        "een andere evenementenreeks heet al '{name}'",
    ),
    "error.no_goal": ("no goal '{goal}'", "geen doel '{goal}'"),
    "error.no_removed_goal": ("no removed goal {id}", "geen verwijderd doel {id}"),
    "error.goal_restored": (
        "removed goal {id} was restored on {date}",
        "verwijderd doel {id} is op {date} teruggezet",
    ),
    "error.goal_exists": (
        "the goal {goal} is there again; change that one instead",
        "het doel {goal} staat er weer; pas dat aan",
    ),
    "saved.contact_added": ("Added: {name}.", "Toegevoegd: {name}."),
    "saved.me": ("Saved who you are: {name}.", "Opgeslagen wie je bent: {name}."),
    "saved.series_added": (
        "Saved: {name} — {added} dates added, {skipped} known already.",
        "Opgeslagen: {name} — {added} data toegevoegd, {skipped} al bekend.",
    ),
    "saved.series": ("Saved: the event series {name}.", "Opgeslagen: de evenementenreeks {name}."),
    "saved.goal_restored": ("Restored: the goal {goal}.", "Teruggezet: het doel {goal}."),
    "goals.restore_hint": (
        "You can put it back under Removed goals.",
        "Je kunt het terugzetten onder Verwijderde doelen.",
    ),
    "goals.removed_title": ("Removed goals", "Verwijderde doelen"),
    "goals.removed_line": ("{goal}, removed on {date}", "{goal}, verwijderd op {date}"),
    "goals.restore": ("Restore", "Terugzetten"),
    "goals.restored": ("Goal restored: {goal}", "Doel teruggezet: {goal}"),
    "goals.restore_cli": (
        "Undo with: tiewise goals restore {id}",
        "Ongedaan maken met: tiewise goals restore {id}",
    ),
    "goals.removed_none": ("No removed goals.", "Geen verwijderde doelen."),
    "goals.removed_row": (
        "{id}  {goal} — removed on {date}",
        "{id}  {goal} — verwijderd op {date}",
    ),
    "series.updated": ("Updated event series {name}.", "Evenementenreeks {name} bijgewerkt."),
    "contacts.new": ("New contact", "Nieuw contact"),
    "contact.birthday_on": ("birthday {day}", "jarig {day}"),
    "contact.met": ("met: {how}, {day}", "ontmoet: {how}, {day}"),
    "contact.cadence": ("keep in touch every {days} days", "contact om de {days} dagen"),
    "form.contact.new_title": ("New contact", "Nieuw contact"),
    "form.contact.edit_title": ("Edit {name}", "{name} bewerken"),
    "form.contact.new_hint": (
        "Someone not in your exports? Add them here. Many people at once come quicker from an "
        "export:",
        "Iemand die niet in je exports staat? Voeg hem of haar hier toe. Veel mensen tegelijk "
        "gaan sneller met een export:",
    ),
    "form.contact.back": ("Back to {name}", "Terug naar {name}"),
    "form.contact.edit_link": ("Edit all details", "Alle gegevens bewerken"),
    "form.contact.person": ("The person", "De persoon"),
    "form.contact.identifiers": (
        "How imports recognise them",
        "Waaraan imports hem of haar herkennen",
    ),
    "form.contact.tie": ("The tie with you", "De band met jou"),
    "form.contact.given_name": ("Given name", "Voornaam"),
    "form.contact.family_name": ("Family name", "Achternaam"),
    "form.contact.birthday": (
        "Birthday (YYYY-MM-DD, or --MM-DD without the year)",
        "Verjaardag (JJJJ-MM-DD, of --MM-DD zonder jaar)",
    ),
    "form.contact.tags": ("Tags, separated by commas", "Labels, gescheiden door komma's"),
    "form.contact.closeness": (
        "How close you feel (1 distant – 5 very close)",
        "Hoe dichtbij je je voelt (1 ver – 5 heel dichtbij)",
    ),
    "form.contact.not_rated": ("not rated", "niet beoordeeld"),
    "form.contact.contexts": (
        "Contexts, separated by commas (work, family, club …)",
        "Contexten, gescheiden door komma's (werk, familie, club …)",
    ),
    "form.contact.met_how": ("How you met", "Hoe jullie elkaar leerden kennen"),
    "form.contact.met_on": ("When you met", "Wanneer jullie elkaar leerden kennen"),
    "form.contact.cadence": (
        "Keep in touch every … days (empty: the plan chooses)",
        "Contact houden om de … dagen (leeg: het plan kiest)",
    ),
    "form.contact.add": ("Add contact", "Contact toevoegen"),
    "form.status.active": ("active", "actief"),
    "form.status.keep": ("keep, whatever the advice", "houden, wat het advies ook is"),
    "form.status.let_go": ("let go", "loslaten"),
    "form.emails": ("E-mail addresses (one per line)", "E-mailadressen (één per regel)"),
    "form.phones": ("Phone numbers (one per line)", "Telefoonnummers (één per regel)"),
    "form.urls": (
        "Profile URLs (one per line, e.g. linkedin.com/in/…)",
        "Profiel-URL's (één per regel, bijv. linkedin.com/in/…)",
    ),
    "me.title": ("Who you are", "Wie je bent"),
    "me.hint": (
        "Imports recognise you by your e-mail addresses, phone numbers and profile URLs, and "
        "never list you as a contact.",
        "Imports herkennen je aan je e-mailadressen, telefoonnummers en profiel-URL's, en zetten "
        "jou nooit als contact in de lijst.",
    ),
    "me.name": ("Your name", "Je naam"),
    "settings.general": ("Budget and language", "Budget en taal"),
    "series.add_title": ("Add an event series", "Een evenementenreeks toevoegen"),
    "series.first": ("First date (and time)", "Eerste datum (en tijd)"),
    "series.every": ("Repeat every … days (optional)", "Herhalen om de … dagen (optioneel)"),
    "series.until": ("… up to and including", "… tot en met"),
    "series.organiser": ("Organiser", "Organisator"),
    "series.category": ("Category", "Soort"),
    "series.category_hint": (
        "Category (borrel, meetup, congres …)",
        "Soort (borrel, meetup, congres …)",
    ),
    "series.location": ("Location", "Locatie"),
    "series.save": ("Save series", "Reeks opslaan"),
    "series.back": ("All events", "Alle evenementen"),
    "series.edit_title": ("Change this series", "Deze reeks wijzigen"),
    "series.add_dates": ("Add dates", "Data toevoegen"),
    "series.dates": ("Dates", "Data"),
    "series.no_dates": ("No dates yet.", "Nog geen data."),
    "series.upcoming": ("to come", "komt nog"),
    "series.not_logged": ("not logged", "niet vastgelegd"),
    "series.log_hint": (
        "Went, or stayed home? Log it on the events page:",
        "Geweest, of thuisgebleven? Leg het vast op de evenementenpagina:",
    ),
    "series.rejected_note": (
        "You rejected this series: it does not count as a networking event.",
        "Je hebt deze reeks afgewezen: ze telt niet als netwerkevenement.",
    ),
    "start.title": ("Getting started", "Aan de slag"),
    "start.intro": (
        "Three steps, and tiewise has something to tell you.",
        "Drie stappen, en tiewise heeft je iets te vertellen.",
    ),
    "start.me": ("Who are you?", "Wie ben je?"),
    "start.import": ("Import your exports", "Importeer je exports"),
    "start.goal": ("Name a goal", "Benoem een doel"),
    "start.done": ("done", "klaar"),
    "start.todo": ("to do", "te doen"),
    "start.me_hint": (
        "Your name, e-mail addresses and profile URLs: imports then recognise you and never "
        "list you as a contact.",
        "Je naam, e-mailadressen en profiel-URL's: imports herkennen je dan en zetten jou nooit "
        "als contact in de lijst.",
    ),
    "start.me_done": ("You are {name}.", "Je bent {name}."),
    "start.change": ("Change", "Wijzigen"),
    "start.import_hint": (
        "Your LinkedIn export (the zip of “Download your data”), your phone's address book "
        "(vCard), a contacts CSV from Google or Outlook, your calendar (.ics).",
        "Je LinkedIn-export (de zip van “Je gegevens downloaden”), het adresboek van je "
        "telefoon (vCard), een contacten-CSV van Google of Outlook, je agenda (.ics).",
    ),
    "start.import_link": ("Import your exports", "Importeer je exports"),
    "start.import_done": ("{count} contacts.", "{count} contacten."),
    "start.import_more": ("Import more", "Meer importeren"),
    "start.add_contact": ("add a contact by hand", "voeg een contact met de hand toe"),
    "start.goal_hint": (
        "What is your network for? Clients, advice, a sounding board, fun … Advice follows "
        "from your goals; without one tiewise never tells you to let anyone go.",
        "Waarvoor is je netwerk? Klanten, advies, een klankbord, plezier … Het advies volgt "
        "uit je doelen; zonder doel raadt tiewise je nooit aan iemand los te laten.",
    ),
    "start.goal_link": ("Choose a goal", "Kies een doel"),
    "start.goal_done": ("{count} goals.", "{count} doelen."),
    "missing.contacts": (
        "No contacts yet: this page shows your network once it is in.",
        "Nog geen contacten: deze pagina toont je netwerk zodra het erin staat.",
    ),
    "missing.fit": (
        "No contacts yet: goal fit is measured on your network, so every score is 0 until it "
        "is in.",
        "Nog geen contacten: de doelfit wordt aan je netwerk gemeten, dus elke score is 0 tot "
        "het erin staat.",
    ),
    "missing.goals": (
        "No goals yet: advice follows from what your network is for.",
        "Nog geen doelen: het advies volgt uit waarvoor je netwerk is.",
    ),
    "missing.series": (
        "No event series yet. Add one below, or import your calendar: the networking events "
        "in it become series.",
        "Nog geen evenementenreeksen. Voeg er hieronder een toe, of importeer je agenda: de "
        "netwerkevenementen erin worden reeksen.",
    ),
    "missing.invitations": (
        "No invitations yet: they come with your LinkedIn export (Invitations.csv).",
        "Nog geen uitnodigingen: die komen met je LinkedIn-export (Invitations.csv).",
    ),
    "missing.topics": (
        "Introductions match one person's need to another's offer: add needs and offers on "
        "your contacts' pages.",
        "Introducties koppelen wat de een nodig heeft aan wat de ander biedt: voeg behoeften "
        "en aanbod toe op de pagina's van je contacten.",
    ),
    "missing.ledger": (
        "Nothing given or received recorded yet.",
        "Nog niets gegeven of ontvangen vastgelegd.",
    ),
    "missing.decisions": (
        "You decide on advice and invitations on their pages:",
        "Je beslist over advies en uitnodigingen op hun pagina's:",
    ),
    "missing.report_title": ("Nothing to report yet", "Nog niets te rapporteren"),
    "missing.report": (
        "No contacts yet: the report is about your network.",
        "Nog geen contacten: het rapport gaat over je netwerk.",
    ),
    "source.manual": ("logged by you", "door jou vastgelegd"),
    "source.event": ("met at an event", "ontmoet op een evenement"),
    # sector suggestions (tiewise/sectors.py, tiewise sectors, the web's /sectors)
    "sector.agriculture": ("Agriculture & horticulture", "Land- en tuinbouw"),
    "sector.manufacturing": ("Manufacturing & industry", "Industrie & productie"),
    "sector.energy": ("Energy, water & waste", "Energie, water & afval"),
    "sector.construction": ("Construction & architecture", "Bouw & architectuur"),
    "sector.retail": ("Retail & wholesale", "Detail- & groothandel"),
    "sector.logistics": ("Transport & logistics", "Transport & logistiek"),
    "sector.hospitality": ("Hospitality & tourism", "Horeca & toerisme"),
    "sector.it": ("IT & software", "ICT & software"),
    "sector.media": ("Media & marketing", "Media & marketing"),
    "sector.finance": (
        "Finance, insurance & accountancy",
        "Financiën, verzekeringen & accountancy",
    ),
    "sector.realestate": ("Real estate", "Vastgoed"),
    "sector.legal": ("Legal", "Juridisch"),
    "sector.consulting": ("Consulting", "Advies & consultancy"),
    "sector.recruitment": ("Recruitment & HR", "Werving & HR"),
    "sector.government": ("Government", "Overheid"),
    "sector.education": ("Education & research", "Onderwijs & onderzoek"),
    "sector.healthcare": ("Health & social care", "Zorg & welzijn"),
    "sector.design": ("Creative industries & design", "Creatieve sector & ontwerp"),
    "sector.nonprofit": ("Non-profit & associations", "Non-profit & verenigingen"),
    "sectors.title": ("Sectors", "Sectoren"),
    "sectors.intro": (
        "A sector for each organisation, suggested from the words of its name and of its "
        "people's positions, so that goal targets such as sector=healthcare find them. Only "
        "empty sectors are filled unless you tick the box below.",
        "Een sector per organisatie, voorgesteld op grond van de woorden in de naam en in de "
        "functies van de mensen daar, zodat doelen met bijvoorbeeld sector=healthcare hen "
        "vinden. Alleen lege sectoren worden ingevuld, tenzij je het vakje hieronder aanvinkt.",
    ),
    "sectors.vocabulary": (
        "Sectors: a simplification of the NACE Rev. 2 / SBI sections; the key is what a goal "
        "target uses.",
        "Sectoren: een vereenvoudiging van de secties van NACE Rev. 2 / SBI; de sleutel is wat "
        "een doel als doelgroep gebruikt.",
    ),
    "sectors.col.organisation": ("organisation", "organisatie"),
    "sectors.counts": (
        "{contacts} contacts, {empty} without sector",
        "{contacts} contacten, {empty} zonder sector",
    ),
    "sectors.col.contacts": ("contacts", "contacten"),
    "sectors.col.empty": ("without sector", "zonder sector"),
    "sectors.col.suggested": ("suggested sector", "voorgestelde sector"),
    "sectors.col.confidence": ("confidence", "zekerheid"),
    "sectors.col.words": ("the words behind it", "de woorden erachter"),
    "sectors.col.current": ("current sectors", "huidige sectoren"),
    "sectors.col.choice": ("sector to fill in", "in te vullen sector"),
    "sectors.source.organisation": ("organisation", "organisatie"),
    "sectors.source.role": ("position", "functie"),
    "sectors.kind.self-employed": ("Self-employed", "Zelfstandig"),
    "sectors.kind.none": ("No organisation", "Geen organisatie"),
    "sectors.by_role": ("{kind} — by position: {sector}", "{kind} — naar functie: {sector}"),
    "sectors.by_role_none": (
        "{kind} — no sector in the position",
        "{kind} — geen sector in de functie",
    ),
    "sectors.variants": ("also written as", "ook geschreven als"),
    "sectors.no_suggestion": ("no suggestion", "geen voorstel"),
    "sectors.leave": ("leave empty", "leeg laten"),
    "sectors.overwrite": (
        "Also replace sectors already set",
        "Ook al ingevulde sectoren vervangen",
    ),
    "sectors.apply": ("Apply", "Toepassen"),
    "sectors.none": (
        "No organisations to review: every contact has a sector.",
        "Geen organisaties na te lopen: elk contact heeft een sector.",
    ),
    "sectors.show_all": (
        "Show every organisation, also those whose sectors are all set",
        "Toon elke organisatie, ook die waarvan alle sectoren zijn ingevuld",
    ),
    "sectors.show_open": (
        "Show only organisations with empty sectors",
        "Toon alleen organisaties met lege sectoren",
    ),
    "sectors.page_note": (
        "The Apply button applies the choices on this page.",
        "De knop Toepassen past de keuzes op deze pagina toe.",
    ),
    "sectors.more": (
        "… and {count} more organisations (--limit 0 lists them all).",
        "… en nog {count} organisaties (--limit 0 toont ze allemaal).",
    ),
    "sectors.hint": (
        "To fill the suggested sectors: tiewise sectors --apply (shows the changes; --yes "
        "writes them).",
        "Om de voorgestelde sectoren in te vullen: tiewise sectors --apply (toont de "
        "wijzigingen; --yes schrijft ze weg).",
    ),
    "sectors.plan": (
        "Fills the sector of {contacts} contacts in {groups} organisations:",
        "Vult de sector van {contacts} contacten in {groups} organisaties:",
    ),
    "sectors.plan_group": (
        "{organisation} → {sector}: {names}",
        "{organisation} → {sector}: {names}",
    ),
    "sectors.and_more": ("and {count} more", "en nog {count}"),
    "sectors.dry_run": (
        "Nothing written yet: add --yes to write exactly these changes.",
        "Nog niets weggeschreven: voeg --yes toe om precies deze wijzigingen weg te schrijven.",
    ),
    "sectors.written": (
        "Written: the sector of {contacts} contacts in {groups} organisations.",
        "Weggeschreven: de sector van {contacts} contacten in {groups} organisaties.",
    ),
    "sectors.import_hint": (
        "{count} contacts have no sector yet, so goal targets such as sector=healthcare miss "
        "them: tiewise sectors suggests one per organisation.",
        "{count} contacten hebben nog geen sector, dus doelen met bijvoorbeeld "
        "sector=healthcare missen hen: tiewise sectors stelt er een per organisatie voor.",
    ),
    "sectors.web_hint": (
        "{count} contacts have no sector yet, so goal targets such as sector=healthcare miss them.",
        "{count} contacten hebben nog geen sector, dus doelen met bijvoorbeeld "
        "sector=healthcare missen hen.",
    ),
    "sectors.web_link": (
        "Review the suggested sectors per organisation",
        "Bekijk de voorgestelde sectoren per organisatie",
    ),
    "error.sector_empty": (
        "expected a sector, found nothing",
        "verwacht een sector, niets gevonden",
    ),
    "error.sector_long": (
        "expected a sector of at most {high} characters, found {found}",
        "verwacht een sector van hoogstens {high} tekens, gevonden: {found}",
    ),
    "error.sector_group": (
        "expected an organisation listed for review, found '{found}' (the contacts may have "
        "changed since — look again)",
        "verwacht een organisatie uit de lijst, gevonden: '{found}' (de contacten zijn "
        "misschien intussen veranderd — kijk opnieuw)",
    ),
    "error.sector_nothing": (
        "expected at least one contact whose sector would change, found none",
        "verwacht minstens één contact waarvan de sector zou veranderen, er is er geen",
    ),
    "error.sector_organisation": (
        "expected an organisation listed by tiewise sectors, found '{found}' (close: {close})",
        "verwacht een organisatie uit tiewise sectors, gevonden: '{found}' (in de buurt: {close})",
    ),
    "error.sector_set": (
        "expected ORGANISATION=SECTOR, found '{found}'",
        "verwacht ORGANISATIE=SECTOR, gevonden: '{found}'",
    ),
    "error": ("Error", "Fout"),
}
MESSAGES.update(REMINDER_MESSAGES)  # birthdays, anniversaries, the plan as a calendar
MESSAGES.update(REPORT_MESSAGES)  # the report's decisions, counts and what measures mean


class _DutchNumber:
    """A number that formats the Dutch way: decimal comma, thousands point (``1.234,5``)."""

    def __init__(self, value: float) -> None:
        self.value = value

    def __format__(self, spec: str) -> str:
        return format(self.value, spec).translate(_SWAP)

    def __str__(self) -> str:
        return self.__format__("")


_SWAP = str.maketrans({",": ".", ".": ","})


def text(key: str, language: str = "en", /, **values: object) -> str:
    """The message ``key`` in ``language`` (English when the language is unknown); in Dutch,
    numbers get a decimal comma and a thousands point."""
    english, dutch = MESSAGES[key]
    template = dutch if language == "nl" else english
    if not values:
        return template
    if language == "nl":
        values = {
            name: _DutchNumber(v) if isinstance(v, int | float) and not isinstance(v, bool) else v
            for name, v in values.items()
        }
    return template.format(**values)


def plural(key: str, count: int, language: str = "en", /, **values: object) -> str:
    """The message ``key.one`` when ``count`` is 1, else ``key.other`` (English and Dutch both
    use the singular for exactly one, the plural for 0 and 2 or more), with ``count`` among its
    values: ``plural("unit.days", 1, "nl")`` is "1 dag", not "1 dagen"."""
    form = "one" if count == 1 else "other"
    return text(f"{key}.{form}", language, **{"count": count, **values})


def number(value: float | None, digits: int, language: str) -> str:
    """``value`` with ``digits`` decimals in the language's way; ``—`` for nothing."""
    if value is None or value != value:
        return "—"
    return format(_DutchNumber(value) if language == "nl" else value, f".{digits}f")
