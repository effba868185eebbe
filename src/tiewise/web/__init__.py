"""The local web app (``tiewise serve``): the same core as the command line, seen in a browser."""
