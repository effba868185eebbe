"""User-facing text of birthdays, anniversaries and the plan as a calendar, in English and Dutch.

Kept apart from ``i18n.py`` (already long) and merged into :data:`tiewise.i18n.MESSAGES`, so
``text(key, language)`` finds these like any other message and the test that every message has
both languages with the same placeholders covers them too.
"""

from __future__ import annotations

REMINDER_MESSAGES: dict[str, tuple[str, str]] = {
    # --- reminders in the weekly plan (advice/reminders.py)
    "reminder.birthday": ("birthday", "jarig"),
    "reminder.birthday_age": ("birthday (turns {age})", "jarig (wordt {age})"),
    "reminder.anniversary": (
        "met {years} years ago this week",
        "deze week {years} jaar geleden leren kennen",
    ),
    "reminder.anniversary_one": (
        "met a year ago this week",
        "deze week een jaar geleden leren kennen",
    ),
    "plan.reminders": (
        "Birthdays and anniversaries this week",
        "Verjaardagen en gedenkdagen deze week",
    ),
    "plan.ics_written": (
        "Wrote the week's plan ({count} items) to {file}.",
        "Het plan van de week ({count} items) staat in {file}.",
    ),
    # --- the plan as iCalendar (report/calendar.py)
    "ics.calendar_name": ("tiewise — your week", "tiewise — je week"),
    "ics.reach": ("Get in touch: {name} ({action})", "Contact opnemen: {name} ({action})"),
    "ics.event": ("{action}: {name}", "{action}: {name}"),
    "ics.occasion": ("{name}: {what}", "{name}: {what}"),
    "ics.where": ("Where: {location}", "Waar: {location}"),
    # --- a contact's birthday (cli/contacts.py)
    "show.birthday": ("birthday: {value}", "verjaardag: {value}"),
    "error.expected_birthday": (
        "expected a birthday YYYY-MM-DD, or --MM-DD without the year, found '{found}'",
        "verwacht een verjaardag JJJJ-MM-DD, of --MM-DD zonder het jaar, gevonden: '{found}'",
    ),
    "error.birthday_future": (
        "expected a birthday on or before today ({today}), found '{found}'",
        "verwacht een verjaardag op of vóór vandaag ({today}), gevonden: '{found}'",
    ),
    # --- the calendar feed (web/feed.py)
    "feed.settings": ("Calendar feed", "Agenda-abonnement"),
    "feed.settings_intro": (
        "Your week's plan — whom to get in touch with, events to attend, birthdays and "
        "anniversaries — as a calendar your calendar app can subscribe to.",
        "Het plan van je week — met wie je contact opneemt, naar welke evenementen je gaat, "
        "verjaardagen en gedenkdagen — als agenda waarop je agenda-app zich kan abonneren.",
    ),
    "feed.open": ("Set up the calendar feed", "Agenda-abonnement instellen"),
    "feed.title": ("Your plan in your calendar", "Je plan in je agenda"),
    "feed.address": (
        "Subscribe to this address in your calendar app (in Google Calendar: Other calendars, "
        "From URL; on a Mac or iPhone: New calendar subscription). Keep it to yourself: "
        "whoever has it can read your plan.",
        "Abonneer je in je agenda-app op dit adres (in Google Agenda: Andere agenda's, Via "
        "URL; op een Mac of iPhone: Nieuw agenda-abonnement). Houd het voor jezelf: wie het "
        "heeft, kan je plan lezen.",
    ),
    "feed.address_label": ("Feed address", "Adres van het abonnement"),
    "feed.subscribe": ("Open in my calendar app", "Openen in mijn agenda-app"),
    "feed.reachable": (
        "A calendar app on another device reaches this address only while tiewise serves on "
        "an address that device can reach (tiewise serve --host).",
        "Een agenda-app op een ander apparaat bereikt dit adres alleen als tiewise draait op "
        "een adres dat dat apparaat kan bereiken (tiewise serve --host).",
    ),
    "feed.none": (
        "There is no feed address yet.",
        "Er is nog geen adres voor een abonnement.",
    ),
    "feed.create": ("Make a feed address", "Adres maken"),
    "feed.renew": ("Make a new address", "Nieuw adres maken"),
    "feed.renew_note": (
        "A new address replaces the old one: calendars subscribed to the old address get "
        "nothing more.",
        "Een nieuw adres vervangt het oude: agenda's met een abonnement op het oude adres "
        "krijgen niets meer.",
    ),
    "feed.stop": ("Turn the feed off", "Abonnement uitzetten"),
    "feed.saved_new": (
        "A new feed address was made; the old one no longer works.",
        "Er is een nieuw adres gemaakt; het oude werkt niet meer.",
    ),
    "feed.saved_off": (
        "The calendar feed is off; its address no longer works.",
        "Het agenda-abonnement staat uit; het adres werkt niet meer.",
    ),
    "feed.off": (
        "There is no calendar feed: make its address in Settings, Calendar feed.",
        "Er is geen agenda-abonnement: maak het adres in Instellingen, Agenda-abonnement.",
    ),
    "feed.forbidden": (
        "Wrong or missing feed token: copy the feed address from Settings, Calendar feed, again.",
        "Verkeerde of ontbrekende sleutel: kopieer het adres opnieuw uit Instellingen, "
        "Agenda-abonnement.",
    ),
}
