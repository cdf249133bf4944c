"""Reference tables as data: TAGS descriptions, posts and their countries, FIPS country codes."""
