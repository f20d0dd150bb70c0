"""Vietnamese text: normalisation, slugs, Markdown to safe HTML."""
