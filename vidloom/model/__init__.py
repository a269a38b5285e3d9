"""Networks of vidloom-mini, one concept per file: text encoder, video autoencoder, DiT."""
