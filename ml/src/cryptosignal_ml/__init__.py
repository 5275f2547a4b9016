"""CryptoSignal model training: datasets from the TypeScript feature export, walk-forward evaluation."""
