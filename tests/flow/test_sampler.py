import torch

from vidloom.flow import add_noise, flow_loss, guided, resolution_shift, sample, sampling_times


def exact_velocity(x0):
    """The true flow velocity when all data is the single point x0: v = (x - x0) / t."""
    def model(x, t, cond, cond_mask):
        return (x - x0) / t.view(-1, *([1] * (x.dim() - 1))).clamp(min=1e-6)
    return model


def _shapes():
    x0 = torch.randn(2, 4, 3, 2, 2, generator=torch.Generator().manual_seed(0))
    noise = torch.randn(2, 4, 3, 2, 2, generator=torch.Generator().manual_seed(1))
    return x0, noise, torch.zeros_like(x0), torch.zeros(2, 1, 3, 1, 1)


def test_euler_and_heun_land_on_the_data_under_the_exact_field():
    x0, noise, cond, mask = _shapes()
    for method in ("euler", "heun"):
        out = sample(exact_velocity(x0), noise, cond, mask, steps=6, shift=2.0, method=method)
        assert torch.allclose(out, x0, atol=1e-4)


def test_pinned_frames_come_back_exactly_and_others_are_free():
    x0, noise, _, _ = _shapes()
    given = torch.full_like(x0, 3.0)
    mask = torch.zeros(2, 1, 3, 1, 1)
    mask[:, :, 0] = 1.0
    out = sample(exact_velocity(x0), noise, given, mask, steps=5, shift=1.0)
    assert torch.equal(out[:, :, 0], given[:, :, 0])
    assert torch.allclose(out[:, :, 1:], x0[:, :, 1:], atol=1e-4)


def test_sampling_is_deterministic():
    x0, noise, cond, mask = _shapes()
    lin = torch.nn.Linear(4, 4)
    model = lambda x, t, c, m: lin(x.movedim(1, -1)).movedim(-1, 1) * t.view(-1, 1, 1, 1, 1)  # noqa: E731
    a = sample(model, noise, cond, mask, steps=4, shift=1.5)
    b = sample(model, noise, cond, mask, steps=4, shift=1.5)
    assert torch.equal(a, b)


def test_guidance_extrapolates_from_unconditional():
    x = torch.zeros(1, 1, 1, 1, 1)
    one = lambda *a: torch.ones_like(x)  # noqa: E731
    zero = lambda *a: torch.zeros_like(x)  # noqa: E731
    v = guided(one, zero, 4.0)(x, torch.ones(1), x, x)
    assert v.item() == 4.0


def test_schedule_and_loss():
    times = sampling_times(10, resolution_shift(224))
    assert abs(times[0] - 1.0) < 1e-6 and times[-1] == 0.0 and torch.all(times[1:] < times[:-1])
    assert resolution_shift(512) > resolution_shift(128)
    x0, noise, cond, mask = _shapes()
    t = torch.full((2,), 0.3)
    assert torch.allclose(add_noise(x0, noise, t), 0.7 * x0 + 0.3 * noise)
    perfect = lambda x, tt, c, m: noise - x0  # noqa: E731
    assert flow_loss(perfect, x0, t, cond, mask, noise=noise).item() < 1e-10
