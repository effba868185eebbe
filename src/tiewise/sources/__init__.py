"""Sources that stay current: mail read again and again (mbox, Maildir; IMAP next), and next
address books and calendars (CardDAV, CalDAV). See docs/sources.md.

- ``kinds.py`` — the choices the store keeps (no imports);
- ``base.py`` — the :class:`~tiewise.sources.base.Source` interface every kind implements;
- ``headers.py`` — mail headers, and nothing else, parsed with the standard library;
- ``mbox.py``, ``maildir.py`` — the local mail readers;
- ``mail.py`` — what a message is: sent or received, with whom, or left out and why;
- ``sync.py`` — the engine: batches in, one transaction each, the state advancing with the data;
- ``registry.py`` — adding, listing, removing sources; suggestions to review.
"""
