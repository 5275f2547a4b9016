"""MarketRegimeDetector (plan 4.1): an LSTM over the last `seq_len` hourly rows of the market reference that
classifies the regime (0 range, 1 bull, 2 bear, 3 high-vol; labels: datasets.targets)."""

from __future__ import annotations

import torch
from torch import nn

from cryptosignal_ml.models.normalise import InputNormaliser


class MarketRegimeDetector(nn.Module):
    """x: (batch, seq, input_dim) standardised -> logits (batch, num_regimes). As the plan: stacked LSTM
    (dropout between layers), last hidden state, one linear layer; softmax is applied in RegimeGraph."""

    def __init__(
        self,
        input_dim: int = 16,
        hidden_dim: int = 128,
        num_layers: int = 3,
        num_regimes: int = 4,
        dropout: float = 0.3,
    ) -> None:
        super().__init__()
        self.lstm = nn.LSTM(
            input_size=input_dim,
            hidden_size=hidden_dim,
            num_layers=num_layers,
            batch_first=True,
            dropout=dropout if num_layers > 1 else 0.0,
        )
        self.fc = nn.Linear(hidden_dim, num_regimes)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        out, _ = self.lstm(x)
        return self.fc(out[:, -1, :])


class RegimeGraph(nn.Module):
    """The exported graph: raw features (batch, seq, f), NaN allowed -> `probabilities` (batch, 4)."""

    def __init__(self, normaliser: InputNormaliser, model: MarketRegimeDetector) -> None:
        super().__init__()
        self.normaliser = normaliser
        self.model = model

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return torch.softmax(self.model(self.normaliser(x)), dim=-1)
