"""User-facing text of the report's decisions, its counts and what each measure means, in English
and Dutch.

Kept apart from ``i18n.py`` (already long) and merged into :data:`tiewise.i18n.MESSAGES`, so
``text(key, language)`` finds these like any other message and the test that every message has
both languages with the same placeholders covers them too. Keys ending in ``.one`` and
``.other`` are the two forms :func:`tiewise.i18n.plural` chooses between.
"""

from __future__ import annotations

REPORT_MESSAGES: dict[str, tuple[str, str]] = {
    # --- counts in headings (report/counts.py): the rule lives in one place
    "count.all": ("{title} ({count})", "{title} ({count})"),
    "count.shown": ("{title} ({shown} of {total} shown)", "{title} ({shown} van {total} getoond)"),
    # --- units with a singular and a plural
    "unit.days.one": ("{count} day", "{count} dag"),
    "unit.days.other": ("{count} days", "{count} dagen"),
    "unit.every_days.one": ("every day", "elke dag"),
    "unit.every_days.other": ("every {count} days", "elke {count} dagen"),
    "unit.visits.one": ("{count} visit", "{count} bezoek"),
    "unit.visits.other": ("{count} visits", "{count} bezoeken"),
    "unit.contacts.one": ("{count} contact", "{count} contact"),
    "unit.contacts.other": ("{count} contacts", "{count} contacten"),
    "unit.groups.one": ("{count} group", "{count} groep"),
    "unit.groups.other": ("{count} separate groups", "{count} losse groepen"),
    "unit.circles.one": ("{count} circle", "{count} kring"),
    "unit.circles.other": ("{count} circles", "{count} kringen"),
    "unit.kinds.one": ("{count} kind", "{count} soort"),
    "unit.kinds.other": ("{count} kinds", "{count} soorten"),
    "unit.people.one": ("{count} person", "{count} persoon"),
    "unit.people.other": ("{count} people", "{count} mensen"),
    "unit.invitations.one": ("{count} invitation", "{count} uitnodiging"),
    "unit.invitations.other": ("{count} invitations", "{count} uitnodigingen"),
    "unit.endorsements.one": ("{count} endorsement", "{count} onderschrijving"),
    "unit.endorsements.other": ("{count} endorsements", "{count} onderschrijvingen"),
    "unit.recommendations.one": ("{count} recommendation", "{count} aanbeveling"),
    "unit.recommendations.other": ("{count} recommendations", "{count} aanbevelingen"),
    # --- reasons whose figure decides singular or plural (advice/reasons.py, COUNTED_BY)
    "portfolio.silent.one": ("last contact {days} day ago", "laatste contact {days} dag geleden"),
    "portfolio.silent.other": (
        "last contact {days} days ago",
        "laatste contact {days} dagen geleden",
    ),
    "events.outcomes.one": (
        "{outcomes} outcome worth €{value}",
        "{outcomes} opbrengst, € {value} waard",
    ),
    "events.outcomes.other": (
        "{outcomes} outcomes worth €{value} in total",
        "{outcomes} opbrengsten, samen € {value} waard",
    ),
    "events.new_relevant.one": (
        "{count} new contact who serves your goals ({per_visit} per visit, {per_hour} per hour; "
        "your events overall: {overall} per hour)",
        "{count} nieuw contact dat je doelen dient ({per_visit} per bezoek, {per_hour} per "
        "uur; je evenementen samen: {overall} per uur)",
    ),
    "events.new_relevant.other": (
        "{count} new contacts who serve your goals ({per_visit} per visit, {per_hour} per hour; "
        "your events overall: {overall} per hour)",
        "{count} nieuwe contacten die je doelen dienen ({per_visit} per bezoek, {per_hour} per "
        "uur; je evenementen samen: {overall} per uur)",
    ),
    "portfolio.hidden_n.one": (
        "1 piece of advice you dismissed is hidden for now (tiewise decisions).",
        "1 advies dat je terzijde legde is voorlopig verborgen (tiewise decisions).",
    ),
    "portfolio.hidden_n.other": (
        "{count} pieces of advice you dismissed are hidden for now (tiewise decisions).",
        "{count} adviezen die je terzijde legde zijn voorlopig verborgen (tiewise decisions).",
    ),
    # --- the decisions that open the report and the dashboard (report/decisions.py)
    "decisions.heading": ("Your decisions this week", "Je beslissingen deze week"),
    "decisions.intro": (
        "Each line: what to do, who, the figure that decided it and the rule behind it.",
        "Elke regel: wat te doen, wie, het getal dat de doorslag gaf en de regel erachter.",
    ),
    "decisions.below": (
        "The analysis behind them follows below.",
        "De analyse erachter volgt hieronder.",
    ),
    "decisions.line": (
        "{action}: {who} — {figure} (rule: {rule})",
        "{action}: {who} — {figure} (regel: {rule})",
    ),
    "decisions.rule_label": ("rule: {rule}", "regel: {rule}"),
    "decisions.line_plain": ("{action}: {who} — {figure}", "{action}: {who} — {figure}"),
    "decisions.plan": (
        "This week, {start} to {end}: get in touch",
        "Deze week, {start} tot en met {end}: neem contact op",
    ),
    "decisions.skip": (
        "Events to skip in the next {days} days",
        "Evenementen om over te slaan, komende {days} dagen",
    ),
    "decisions.accept": (
        "Invitations to accept or read first",
        "Uitnodigingen om te accepteren of eerst te lezen",
    ),
    "decisions.ignore": ("Invitations to ignore", "Uitnodigingen om te negeren"),
    "decisions.no_skip": (
        "No event to skip in the next {days} days.",
        "Geen evenement om over te slaan in de komende {days} dagen.",
    ),
    "decisions.action.plan": ("Get in touch ({action})", "Neem contact op ({action})"),
    "decisions.action.focus": ("Invest {hours} h a month", "Investeer {hours} uur per maand"),
    "decisions.action.reactivate": (
        "Reactivate, {hours} h a month",
        "Pak weer op, {hours} uur per maand",
    ),
    "decisions.action.let_go": ("Let go", "Laat los"),
    "decisions.action.skip": ("Skip on {date}", "Sla over op {date}"),
    "decisions.action.accept": ("Accept", "Accepteer"),
    "decisions.action.look_closer": ("Read first", "Lees eerst"),
    "decisions.action.ignore": ("Ignore", "Negeer"),
    "decisions.action.introduce": ("Introduce", "Stel voor"),
    "decisions.figure.accepted": (
        "you decided on {date}; no contact since",
        "je besliste op {date}; sindsdien geen contact",
    ),
    "decisions.figure.due": (
        "last contact {since} ago, {cadence}",
        "laatste contact {since} geleden, {cadence}",
    ),
    "decisions.figure.never": (
        "no contact recorded yet, {cadence}",
        "nog geen contact vastgelegd, {cadence}",
    ),
    "decisions.figure.silent": ("silent for {since}", "{since} stil"),
    "decisions.figure.serves": (
        "relevance {relevance} to {goal}",
        "relevantie {relevance} voor {goal}",
    ),
    "decisions.figure.let_go_costly": (
        "relevance {value} to your goals for {hours} h a year",
        "relevantie {value} voor je doelen voor {hours} uur per jaar",
    ),
    "decisions.figure.let_go_silent": (
        "relevance {value} to your goals, silent for {since}",
        "relevantie {value} voor je doelen, {since} stil",
    ),
    "decisions.figure.let_go_never": (
        "relevance {value} to your goals, no contact ever recorded",
        "relevantie {value} voor je doelen, nooit contact vastgelegd",
    ),
    "decisions.figure.below": (
        "at most €{high} per hour; your threshold €{threshold}",
        "hoogstens €{high} per uur; je drempel €{threshold}",
    ),
    "decisions.figure.habit": (
        "{visits} in 12 months, at most €{high} per hour; your threshold €{threshold}",
        "{visits} in 12 maanden, hoogstens €{high} per uur; je drempel €{threshold}",
    ),
    "decisions.figure.probably_below": (
        "about €{point} per hour; your threshold €{threshold}",
        "ongeveer €{point} per uur; je drempel €{threshold}",
    ),
    "decisions.figure.score": ("score {score} of 1", "score {score} van 1"),
    "decisions.figure.introduce": (
        "{topic}, match {match} of 1",
        "{topic}, overeenkomst {match} van 1",
    ),
    "decisions.rule.accepted": ("your own decision", "je eigen besluit"),
    "decisions.rule.cadence": ("keep-in-touch rhythm", "contactritme"),
    "decisions.rule.reactivate": (
        "dormant ties bring new knowledge",
        "slapende banden brengen nieuwe kennis",
    ),
    "decisions.rule.focus": (
        "most goal value per hour of your budget",
        "meeste doelwaarde per uur van je budget",
    ),
    "decisions.rule.let_go_costly": ("low relevance × cost", "lage relevantie × kosten"),
    "decisions.rule.let_go_silent": (
        "low relevance × two years of silence",
        "lage relevantie × twee jaar stilte",
    ),
    "decisions.rule.let_go_never": (
        "low relevance × no contact",
        "lage relevantie × geen contact",
    ),
    "decisions.rule.credibly_below": (
        "credibly below your threshold",
        "aantoonbaar onder je drempel",
    ),
    "decisions.rule.credibly_below_habit": (
        "a habit that yields little",
        "een gewoonte die weinig oplevert",
    ),
    "decisions.rule.probably_below": (
        "probably below your threshold",
        "waarschijnlijk onder je drempel",
    ),
    "decisions.rule.close_tie": ("already a close tie", "al een hechte band"),
    "decisions.rule.sales_pitch": (
        "a sales pitch from a stranger",
        "een verkooppraatje van een onbekende",
    ),
    "decisions.rule.stranger_ignore": (
        "a stranger without a personal message",
        "een onbekende zonder persoonlijk bericht",
    ),
    "decisions.rule.stranger_look_closer": (
        "a stranger who wrote a personal message",
        "een onbekende die een persoonlijk bericht schreef",
    ),
    "decisions.rule.score_accept": ("score {at} or more", "score {at} of meer"),
    "decisions.rule.score_look_closer": (
        "score from {low} to {high}",
        "score van {low} tot {high}",
    ),
    "decisions.rule.score_ignore": ("score under {at}", "score onder {at}"),
    "decisions.rule.introduce_bridge": (
        "a need meets an offer across circles",
        "vraag ontmoet aanbod tussen kringen",
    ),
    "decisions.rule.introduce": ("a need meets an offer", "vraag ontmoet aanbod"),
    # --- the analysis under plain headings, each measure with what it means (report/meaning.py)
    "heading.circles": (
        "Who knows whom: the circles in your network",
        "Wie kent wie: de kringen in je netwerk",
    ),
    "heading.brokerage": (
        "Do your contacts know each other? (Burt's structural holes)",
        "Kennen je contacten elkaar? (Burts structurele gaten)",
    ),
    "heading.dunbar": ("How many ties you keep up (Dunbar)", "Hoeveel banden je bijhoudt (Dunbar)"),
    "heading.diversity": ("How varied your contacts are", "Hoe gevarieerd je contacten zijn"),
    "heading.known": ("Being known", "Bekend zijn"),
    "meaning.classes": (
        "Strong ties give support and trust, weak and medium ones new information and chances "
        "(Granovetter 1973; Lin 2001). You have {strong} strong, {medium} medium, {weak} weak "
        "and {dormant} dormant ties.",
        "Sterke banden geven steun en vertrouwen, zwakke en middelsterke nieuwe informatie en "
        "kansen (Granovetter 1973; Lin 2001). Je hebt {strong} sterke, {medium} middelsterke, "
        "{weak} zwakke en {dormant} slapende banden.",
    ),
    "meaning.shape": (
        "Of all pairs among your contacts, {percent}% know each other as far as tiewise knows "
        "(density {density}, {links} links). They form {groups}, the largest with {largest}; "
        "{isolates} without a known link to the others.",
        "Van alle paren onder je contacten kent {percent}% elkaar, voor zover tiewise weet "
        "(dichtheid {density}, {links} verbindingen). Ze vormen {groups}, de grootste met "
        "{largest}; {isolates} zonder bekende verbinding met de anderen.",
    ),
    "meaning.clusters": (
        "Your contacts fall into {circles} of people who know each other; {unclustered} in "
        "none. Density is the share of a circle's pairs who know each other: your closest-knit "
        "circle, {label}, has {density} — {percent}% of its pairs.",
        "Je contacten vallen in {circles} van mensen die elkaar kennen; {unclustered} in geen "
        "enkele. Dichtheid is het deel van de paren in een kring dat elkaar kent: je hechtste "
        "kring, {label}, heeft {density} — {percent}% van de paren.",
    ),
    "meaning.no_clusters": (
        "tiewise found no circles of people who know each other among your contacts yet.",
        "tiewise vond nog geen kringen van mensen die elkaar kennen onder je contacten.",
    ),
    "meaning.bridges.one": (
        "1 contact is your only link into a circle — lose that tie and the circle is out of reach:",
        "1 contact is je enige verbinding met een kring — verlies je die band, dan is de kring "
        "buiten bereik:",
    ),
    "meaning.bridges.other": (
        "{count} contacts are your only link into a circle — lose such a tie and its circle is "
        "out of reach:",
        "{count} contacten zijn je enige verbinding met een kring — verlies je zo'n band, dan is "
        "die kring buiten bereik:",
    ),
    "meaning.efficiency_high": (
        "Your contacts hardly know each other: you broker between circles, which brings new "
        "information and chances (efficiency {efficiency}: {effective} of your {contacts} "
        "bring something the others do not — Burt's effective size).",
        "Je contacten kennen elkaar nauwelijks: je bent de schakel tussen kringen, en dat "
        "brengt nieuwe informatie en kansen (efficiëntie {efficiency}: {effective} van je "
        "{contacts} brengen iets wat de anderen niet brengen — Burts effectieve omvang).",
    ),
    "meaning.efficiency_mid": (
        "Your network mixes close-knit circles with contacts who do not know each other "
        "(efficiency {efficiency}: {effective} of your {contacts} bring something the others "
        "do not — Burt's effective size).",
        "Je netwerk mengt hechte kringen met contacten die elkaar niet kennen (efficiëntie "
        "{efficiency}: {effective} van je {contacts} brengen iets wat de anderen niet brengen "
        "— Burts effectieve omvang).",
    ),
    "meaning.efficiency_low": (
        "Many of your contacts know each other: a close-knit network that builds trust "
        "(Coleman 1988) but brings less that is new (efficiency {efficiency}: {effective} of "
        "your {contacts} bring something the others do not — Burt's effective size).",
        "Veel van je contacten kennen elkaar: een hecht netwerk dat vertrouwen bouwt (Coleman "
        "1988) maar minder nieuws brengt (efficiëntie {efficiency}: {effective} van je "
        "{contacts} brengen iets wat de anderen niet brengen — Burts effectieve omvang).",
    ),
    "meaning.constraint": (
        "Constraint {constraint}: the lower, the more your contacts are separate doors into "
        "different circles and the more room you have to broker (Burt 1992); with your "
        "{contacts} it would be {floor} if none of them knew each other, and it is 1 with a "
        "single contact.",
        "Beperking {constraint}: hoe lager, hoe meer je contacten aparte deuren zijn naar "
        "verschillende kringen en hoe meer ruimte je hebt om te verbinden (Burt 1992); met je "
        "{contacts} zou ze {floor} zijn als niemand van hen elkaar kende, en 1 met één contact.",
    ),
    "meaning.hierarchy": (
        "Hierarchy {hierarchy}: 0 when that constraint is spread evenly over your contacts, "
        "towards 1 when one contact holds most of it.",
        "Hiërarchie {hierarchy}: 0 als die beperking gelijk over je contacten verdeeld is, "
        "richting 1 als één contact er het meeste van draagt.",
    ),
    "meaning.dunbar": (
        "People keep up about 5 intimates, 15 close friends, 50 good friends and 150 "
        "meaningful contacts (Dunbar's layers; Zhou, Sornette, Hill & Dunbar 2005). Your "
        "{active} strong and medium ties fill them: {layers}.",
        "Mensen houden ongeveer 5 intimi, 15 goede vrienden, 50 vrienden en 150 betekenisvolle "
        "contacten bij (Dunbars lagen; Zhou, Sornette, Hill & Dunbar 2005). Je {active} sterke "
        "en middelsterke banden vullen ze: {layers}.",
    ),
    "meaning.dunbar_over.one": (
        "That is 1 more than the about 150 a person keeps up: choosing whom to invest in matters.",
        "Dat is er 1 meer dan de ongeveer 150 die een mens bijhoudt: kiezen in wie je "
        "investeert doet ertoe.",
    ),
    "meaning.dunbar_over.other": (
        "That is {count} more than the about 150 a person keeps up: choosing whom to invest in "
        "matters.",
        "Dat zijn er {count} meer dan de ongeveer 150 die een mens bijhoudt: kiezen in wie je "
        "investeert doet ertoe.",
    ),
    "meaning.dunbar_under.one": (
        "That is 1 below the about 150 a person keeps up.",
        "Dat is er 1 minder dan de ongeveer 150 die een mens bijhoudt.",
    ),
    "meaning.dunbar_under.other": (
        "That is {count} below the about 150 a person keeps up.",
        "Dat zijn er {count} minder dan de ongeveer 150 die een mens bijhoudt.",
    ),
    "meaning.diversity_intro": (
        "Blau: the chance that two of your contacts picked at random differ (0: all alike). "
        "IQV: the same, scaled to the number of kinds (1: spread evenly). E-I: from −1, all "
        "within one kind, to +1, all across kinds (Krackhardt & Stern 1988).",
        "Blau: de kans dat twee willekeurige contacten van je verschillen (0: allemaal gelijk). "
        "IQV: hetzelfde, geschaald naar het aantal soorten (1: gelijk verdeeld). E-I: van −1, "
        "alles binnen één soort, tot +1, alles tussen soorten (Krackhardt & Stern 1988).",
    ),
    "meaning.diversity": (
        "{attribute}: {kinds}, most of all {top}; two contacts picked at random differ in "
        "{percent} of 100 cases (Blau {blau}, IQV {iqv})",
        "{attribute}: {kinds}, vooral {top}; twee willekeurige contacten verschillen in "
        "{percent} van de 100 gevallen (Blau {blau}, IQV {iqv})",
    ),
    "meaning.diversity_me": (
        "{percent}% are in another {noun} than you (E-I {ei})",
        "{percent}% zit in een andere {noun} dan jij (E-I {ei})",
    ),
    "meaning.among_within": (
        "contacts who know each other mostly share a {noun} (E-I among them {ei})",
        "contacten die elkaar kennen delen meestal een {noun} (E-I onderling {ei})",
    ),
    "meaning.among_across": (
        "contacts who know each other are mostly in a different {noun} (E-I among them {ei})",
        "contacten die elkaar kennen zitten meestal in een andere {noun} (E-I onderling {ei})",
    ),
    "meaning.among_even": (
        "links among your contacts stay within a {noun} and cross to another about equally "
        "(E-I among them {ei})",
        "verbindingen tussen je contacten blijven ongeveer even vaak binnen een {noun} als dat "
        "ze naar een andere gaan (E-I onderling {ei})",
    ),
    "meaning.known": (
        "It matters less how many people you know than that you are known (Notten 2010). In the "
        "last 12 months others started {share}% of your contact moments ({inbound} of {total}), "
        "from {people} in all; you received {invitations}, {endorsements} and "
        "{recommendations}.",
        "Het gaat er minder om hoeveel mensen je kent dan dat je gekend wordt (Notten 2010). De "
        "afgelopen 12 maanden begonnen anderen {share}% van je contactmomenten ({inbound} van "
        "{total}), van {people} in totaal; je ontving {invitations}, {endorsements} en "
        "{recommendations}.",
    ),
    "meaning.fit": (
        "Fit, 0–100: how well your ties match what a goal needs — strong, close-knit ties for "
        "expressive goals, weak, bridging and varied ones for instrumental goals (Lin 2001; "
        "Notten 2010). Best served: {best} ({best_score}); least: {worst} ({worst_score}).",
        "Fit, 0–100: hoe goed je banden passen bij wat een doel vraagt — sterke, hechte banden "
        "voor expressieve doelen, zwakke, verbindende en gevarieerde voor instrumentele doelen "
        "(Lin 2001; Notten 2010). Best gediend: {best} ({best_score}); het minst: {worst} "
        "({worst_score}).",
    ),
    "meaning.noun.sector": ("sector", "sector"),
    "meaning.noun.role": ("role", "rol"),
    "meaning.noun.region": ("region", "regio"),
    "meaning.noun.organisation": ("organisation", "organisatie"),
    "meaning.noun.context": ("context", "context"),
    "meaning.attribute.sector": ("Sector", "Sector"),
    "meaning.attribute.role": ("Role", "Rol"),
    "meaning.attribute.region": ("Region", "Regio"),
    "meaning.attribute.organisation": ("Organisation", "Organisatie"),
    "meaning.attribute.context": ("Where you know them from", "Waar je ze van kent"),
    "report.ties_due": ("Ties due this week", "Banden die deze week aan de beurt zijn"),
}
