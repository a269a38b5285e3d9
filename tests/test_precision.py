"""Mixed precision follows the hardware: bfloat16 autocast only where the device computes bfloat16."""
import torch

from vidloom import precision


def test_autocast_is_on_exactly_where_the_cpu_computes_bfloat16():
    with precision.autocast("cpu"):
        assert torch.is_autocast_enabled("cpu") == precision.cpu_computes_bfloat16()
        y = torch.nn.functional.linear(torch.randn(2, 8), torch.randn(4, 8))
    assert y.dtype == (torch.bfloat16 if precision.cpu_computes_bfloat16() else torch.float32)
    assert not torch.is_autocast_enabled("cpu")


def test_a_device_without_bfloat16_kernels_runs_float32():
    assert precision.computes_bfloat16("meta") is False
    with precision.autocast("meta"):
        assert not torch.is_autocast_enabled("cpu")
