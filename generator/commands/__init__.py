"""The commands around the build: import, check, export, serve, summary, synth."""
