"""The reader site: configuration, templates and page rendering."""
