"""Search: Pagefind over the cable pages in shards, and the word directory beside them."""
