"""The site: the collection's indexes, the plan of every page, addresses, rendering."""
