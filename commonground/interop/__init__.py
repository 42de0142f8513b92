"""Standards code: conversions to and from open data formats, free of Django where possible."""
