"""Training recipes for vidloom-mini: autoencoder first, then the DiT. Both resume."""
