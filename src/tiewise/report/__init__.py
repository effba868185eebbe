"""Reports: presentation of analysis results (text on the terminal; later HTML, PDF, Markdown)."""
