"""What the last build saw and wrote, so that the next one does only what changed."""
