"""PriceTransformer (plan 2.1): an encoder over the last `seq_len` hourly feature rows that predicts the
mean and log standard deviation of the cumulative log return 1, 2, 3 and 4 hours ahead.

Architecture as in the plan: linear input projection to d_model, sinusoidal positional encoding
(Vaswani et al., 2017), a stack of `num_layers` TransformerEncoder layers (heads `nhead`, feed-forward
4 * d_model, dropout), the last time step's state, then two linear heads (mean, log-std). The plan's head
returns std = exp(fc_std); here the head returns log-std (a bounded, numerically stable quantity for the
Gaussian NLL) and PriceGraph exponentiates it for export.
"""

from __future__ import annotations

import math

import torch
from torch import nn

from cryptosignal_ml.models.normalise import InputNormaliser

LOG_STD_MIN, LOG_STD_MAX = -7.0, 3.0


class PositionalEncoding(nn.Module):
    """Adds sin/cos positional encodings (max_len positions) to x (batch, seq, d_model), then dropout."""

    def __init__(self, d_model: int, dropout: float = 0.1, max_len: int = 512) -> None:
        super().__init__()
        self.dropout = nn.Dropout(p=dropout)
        position = torch.arange(max_len, dtype=torch.float32).unsqueeze(1)
        div_term = torch.exp(
            torch.arange(0, d_model, 2, dtype=torch.float32) * (-math.log(10000.0) / d_model)
        )
        pe = torch.zeros(max_len, d_model)
        pe[:, 0::2] = torch.sin(position * div_term)
        pe[:, 1::2] = torch.cos(position * div_term[: d_model // 2])
        self.register_buffer("pe", pe.unsqueeze(0))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.dropout(x + self.pe[:, : x.size(1), :])


class PriceTransformer(nn.Module):
    """x: (batch, seq, input_dim) standardised features -> (mean, log_std), each (batch, horizons), in units
    of the standardised targets."""

    def __init__(
        self,
        input_dim: int,
        d_model: int = 256,
        nhead: int = 8,
        num_layers: int = 6,
        dropout: float = 0.1,
        horizons: int = 4,
        max_len: int = 512,
    ) -> None:
        super().__init__()
        self.input_embedding = nn.Linear(input_dim, d_model)
        self.pos_encoder = PositionalEncoding(d_model, dropout, max_len)
        layer = nn.TransformerEncoderLayer(
            d_model=d_model, nhead=nhead, dim_feedforward=4 * d_model, dropout=dropout, batch_first=True
        )
        self.transformer_encoder = nn.TransformerEncoder(
            layer, num_layers=num_layers, enable_nested_tensor=False
        )
        self.fc_mean = nn.Linear(d_model, horizons)
        self.fc_log_std = nn.Linear(d_model, horizons)

    def forward(self, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        h = self.transformer_encoder(self.pos_encoder(self.input_embedding(x)))[:, -1, :]
        return self.fc_mean(h), torch.clamp(self.fc_log_std(h), LOG_STD_MIN, LOG_STD_MAX)


class PriceGraph(nn.Module):
    """The exported graph: raw features (batch, seq, f) with NaN allowed -> `mean` and `std` (batch, 4) of the
    1-4h cumulative log returns, in log-return units (target scaling undone inside the graph)."""

    def __init__(
        self, normaliser: InputNormaliser, model: PriceTransformer, target_scale: torch.Tensor
    ) -> None:
        super().__init__()
        self.normaliser = normaliser
        self.model = model
        self.register_buffer("target_scale", target_scale.to(torch.float32))

    def forward(self, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        mean_z, log_std_z = self.model(self.normaliser(x))
        return mean_z * self.target_scale, torch.exp(log_std_z) * self.target_scale
