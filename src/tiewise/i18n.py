"""User-facing text in English and Dutch.

A small catalogue keyed by message id; ``text(key, language, **values)`` formats one message.
A test checks that every message exists in both languages with the same placeholders.
"""

from __future__ import annotations

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
    "report.events": (
        "Events attended in the last 12 months",
        "Bezochte evenementen in de afgelopen 12 maanden",
    ),
    "report.no_events": ("No events recorded.", "Geen evenementen vastgelegd."),
    "report.hours_total": (
        "{hours:.0f} hours at {visits} events in the last 12 months",
        "{hours:.0f} uur op {visits} evenementen in de afgelopen 12 maanden",
    ),
    "fit.everyone": ("all contacts", "alle contacten"),
    "fit.summary": ("For {goal} ({segment}): {parts}.", "Voor {goal} ({segment}): {parts}."),
    "fit.instrumental": (
        "{ties} weak or medium ties, in {clusters} of {all_clusters} clusters, {bridging} "
        "bridging; constraint {constraint}",
        "{ties} zwakke of middelsterke banden, in {clusters} van {all_clusters} clusters, "
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
        "Add weak ties in {segment}: acquaintances, not friends, bring opportunities.",
        "Leg lichte contacten in {segment}: kennissen, geen vrienden, brengen kansen.",
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
        "Your strong ties hardly know each other; bring them together.",
        "Je sterke banden kennen elkaar nauwelijks; breng ze samen.",
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
    "portfolio.silent": ("last contact {days} days ago", "laatste contact {days} dagen geleden"),
    "portfolio.dormant": (
        "dormant for {days} days; reactivated ties bring new knowledge cheaply",
        "{days} dagen slapend; een gewekte band brengt goedkoop nieuwe kennis",
    ),
    "portfolio.low_value": (
        "serves your goals little (value {value} of 1)",
        "dient je doelen weinig (waarde {value} van 1)",
    ),
    "portfolio.no_reciprocity": (
        "no reciprocity: {inbound} contacts started by them, {received} favours received",
        "geen wederkerigheid: {inbound} contacten door hen begonnen, {received} gunsten ontvangen",
    ),
    # --- advice: invitations
    # --- advice: introductions
    # --- advice: weekly plan
    "col.context": ("Context", "Context"),
    "col.contacts": ("Contacts", "Contacten"),
    "col.class": ("Class", "Klasse"),
    "col.goal": ("Goal", "Doel"),
    "col.goal_class": ("Kind", "Soort"),
    "col.priority": ("Priority", "Prioriteit"),
    "col.targets": ("Targets", "Doelgroep"),
    "col.series": ("Event series", "Evenementenreeks"),
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
    "note.added": ("Note added for {name}.", "Notitie toegevoegd voor {name}."),
    "story.added": ("Story added for {name}.", "Verhaal toegevoegd voor {name}."),
    "me.saved": ("Saved: {name}.", "Opgeslagen: {name}."),
    "contacts.none": (
        "No contacts yet. Try: tiewise demo",
        "Nog geen contacten. Probeer: tiewise demo",
    ),
    "show.identifiers": ("Identifiers", "Kenmerken"),
    "show.tie": ("Tie", "Band"),
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
    "import.contacts": ("new contacts", "nieuwe contacten"),
    "import.interactions": ("new interactions", "nieuwe contactmomenten"),
    "import.links": ("links", "verbindingen"),
    "import.warning": ("skipped:", "overgeslagen:"),
    "import.more_warnings": ("… and {count} more", "… en nog {count}"),
    "merge.done": ("Merged {merged} into {survivor}.", "{merged} samengevoegd met {survivor}."),
    "merge.none": ("No suggested merges.", "Geen voorstellen om samen te voegen."),
    "merge.prompt": (
        "[m]erge, [k]eep apart, [s]kip, [q]uit",
        "[m] samenvoegen, [k] gescheiden houden, [s] overslaan, [q] stoppen",
    ),
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
    "analysis.shape": (
        "{links} links among contacts (density {density}); {components} components, the largest "
        "{largest}; {isolates} contacts without known links",
        "{links} verbindingen tussen contacten (dichtheid {density}); {components} componenten, "
        "de grootste {largest}; {isolates} contacten zonder bekende verbindingen",
    ),
    "analysis.clusters": ("Clusters (who knows whom)", "Clusters (wie kent wie)"),
    "analysis.unclustered": ("not clustered", "niet geclusterd"),
    "analysis.bridges": (
        "{count} bridges (the only link to a cluster):",
        "{count} bruggen (de enige verbinding met een cluster):",
    ),
    "analysis.burt": (
        "Structural holes (Burt, ego network): effective size {effective_size}, efficiency "
        "{efficiency}, constraint {constraint}, hierarchy {hierarchy}",
        "Structurele gaten (Burt, egonetwerk): effectieve omvang {effective_size}, efficiëntie "
        "{efficiency}, beperking {constraint}, hiërarchie {hierarchy}",
    ),
    "analysis.dunbar": (
        "Dunbar layers filled with strong and medium ties:",
        "Dunbar-lagen gevuld met sterke en middelsterke banden:",
    ),
    "analysis.diversity": ("Diversity and homophily", "Diversiteit en homofilie"),
    "col.cluster": ("Cluster", "Cluster"),
    "col.weak_medium": ("weak/medium", "zwak/middel"),
    "col.density": ("Density", "Dichtheid"),
    "col.attribute": ("Attribute", "Kenmerk"),
    "col.categories": ("Categories", "Categorieën"),
    "col.blau": ("Blau", "Blau"),
    "col.iqv": ("IQV", "IQV"),
    "col.ei_me": ("E-I me", "E-I ik"),
    "col.ei_among": ("E-I among", "E-I onderling"),
    "col.top": ("Largest", "Grootste"),
    "attribute.sector": ("sector", "sector"),
    "attribute.role": ("role", "rol"),
    "attribute.region": ("region", "regio"),
    "attribute.organisation": ("organisation", "organisatie"),
    "attribute.context": ("context", "context"),
    "measure.written": (
        "Measures for {count} nodes written to {file}.",
        "Maten voor {count} knopen geschreven naar {file}.",
    ),
    "error": ("Error", "Fout"),
}


def text(key: str, language: str = "en", **values: object) -> str:
    """The message ``key`` in ``language`` (English when the language is unknown)."""
    english, dutch = MESSAGES[key]
    template = dutch if language == "nl" else english
    return template.format(**values) if values else template
