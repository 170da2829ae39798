"""The µCode expert-iteration pipeline (rollouts -> verifier -> relabel -> SFT -> GGUF). Not built yet."""
