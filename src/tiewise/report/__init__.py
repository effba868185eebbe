"""Reports: presentation of analysis results — on the terminal, and as Markdown, HTML or PDF."""
